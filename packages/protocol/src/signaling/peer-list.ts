import type { TMediaSource, TPeerInfo } from "./state";

const ROLE_RANK = { HOST: 0, PRESENTER: 1, ATTENDEE: 2 } as const;
const byName = new Intl.Collator("vi");

/**
 * The participant list's order: raised hands first (earliest first), then hosts, presenters and
 * everyone else by name in Vietnamese order. The media server pages its list in this order.
 */
export function comparePeersForList(a: TPeerInfo, b: TPeerInfo): number {
  if (a.handRaisedAt && b.handRaisedAt) return a.handRaisedAt.localeCompare(b.handRaisedAt);
  if (a.handRaisedAt) return -1;
  if (b.handRaisedAt) return 1;
  return ROLE_RANK[a.role] - ROLE_RANK[b.role] || byName.compare(a.displayName, b.displayName);
}

export function sortPeersForList(peers: readonly TPeerInfo[]): TPeerInfo[] {
  return [...peers].sort(comparePeersForList);
}

/**
 * Whether a peer may publish from this source now: a student who must ask to speak needs the floor
 * for its microphone and camera, unless the host promoted it. The server enforces it
 * (SPEAK_NOT_GRANTED); clients use it to keep their buttons honest.
 */
export function mayPublish(peer: Pick<TPeerInfo, "askToSpeak" | "speakGranted" | "role">, source: TMediaSource): boolean {
  return source === "screen" || !peer.askToSpeak || peer.speakGranted || peer.role !== "ATTENDEE";
}
