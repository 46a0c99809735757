import type { TMediaSource } from "@diemcau/protocol";

/**
 * The room's speakers, most recent first. A peer enters at the back when it joins (a host at the
 * front, so a class sees its teacher before anyone has spoken) and moves to the front when it
 * becomes the dominant speaker or unmutes: someone who just unmuted is about to speak, and must be
 * heard from the first word rather than once the observer has noticed them. Publishing is not
 * speaking: clients publish their microphone muted on joining.
 */
export class SpeakerOrder {
  readonly #order: string[] = [];

  joined(peerId: string, { front }: { front: boolean }): void {
    if (this.#order.includes(peerId)) return;
    if (front) this.#order.unshift(peerId);
    else this.#order.push(peerId);
  }

  spoke(peerId: string): void {
    this.left(peerId);
    this.#order.unshift(peerId);
  }

  left(peerId: string): void {
    const index = this.#order.indexOf(peerId);
    if (index !== -1) this.#order.splice(index, 1);
  }

  /** Peer ids, most recent speaker first. */
  get order(): readonly string[] {
    return this.#order;
  }
}

export type TForwardable = {
  producerId: string;
  peerId: string;
  kind: "audio" | "video";
  source: TMediaSource;
  paused: boolean;
};

export type TSelectionInput = {
  /** Speaker order, most recent first (SpeakerOrder.order). */
  order: readonly string[];
  producers: readonly TForwardable[];
  /** Who receives: its own producers are never part of its selection. */
  subscriberPeerId: string;
  /** Cameras this subscriber shows. */
  videoSlots: number;
  /** Microphones it hears. */
  audioSlots: number;
};

/**
 * What one subscriber should receive (last-N): every screen share with its audio, the cameras of
 * the `videoSlots` most recent speakers that have one running, and the microphones of the
 * `audioSlots` most recent speakers that are unmuted. A paused producer takes no slot, so a muted
 * speaker leaves room for the next one.
 */
export function selectForwarded({ order, producers, subscriberPeerId, videoSlots, audioSlots }: TSelectionInput): Set<string> {
  const selected = new Set<string>();
  const rank = new Map(order.map((peerId, index) => [peerId, index]));
  const byRank = (a: TForwardable, b: TForwardable) => (rank.get(a.peerId) ?? Infinity) - (rank.get(b.peerId) ?? Infinity);
  const others = producers.filter((p) => p.peerId !== subscriberPeerId);
  for (const producer of others) if (producer.source === "screen") selected.add(producer.producerId);
  const take = (kind: "audio" | "video", slots: number) => {
    const running = others.filter((p) => p.source !== "screen" && p.kind === kind && !p.paused).sort(byRank);
    for (const producer of running.slice(0, slots)) selected.add(producer.producerId);
  };
  take("video", videoSlots);
  take("audio", audioSlots);
  return selected;
}
