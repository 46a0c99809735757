import type { TMediaSource } from "@diemcau/protocol";

/**
 * How many microphones the program mixes at once. ffmpeg's inputs are fixed for the whole
 * recording, so a room with more open microphones gives these slots to the ones heard last.
 */
export const RECORDER_AUDIO_SLOTS = 4;

export type TPlannedProducer = {
  id: string;
  peerId: string;
  kind: "audio" | "video";
  source: TMediaSource;
  paused: boolean;
  /** When it was last heard or unmuted (ms, any clock); higher wins a slot. */
  heardAt: number;
};

/** Which producer feeds each of ffmpeg's inputs; null leaves the input to the filler. */
export type TSlotPlan = { camera: string | null; screen: string | null; audio: (string | null)[] };

export const EMPTY_SLOT_PLAN: TSlotPlan = { camera: null, screen: null, audio: Array<string | null>(RECORDER_AUDIO_SLOTS).fill(null) };

/**
 * The next assignment of producers to the program's slots. It changes as little as it can: a
 * producer keeps its slot while it is open and unmuted, so a switch happens only when someone
 * else needs the slot more.
 * - camera: the active speaker's camera; otherwise the one shown now; otherwise the camera of the
 *   peer heard last;
 * - screen: the share shown now, otherwise any unpaused share;
 * - audio: every unmuted microphone while they fit; past that, one heard (or unmuted) later than
 *   a slot's holder takes the slot of the holder heard longest ago.
 */
export function planSlots(producers: TPlannedProducer[], current: TSlotPlan, activeSpeakerPeerId: string | null): TSlotPlan {
  const live = producers.filter((p) => !p.paused);
  const cameras = live.filter((p) => p.kind === "video" && p.source === "camera");
  const screens = live.filter((p) => p.kind === "video" && p.source === "screen");
  const mics = live.filter((p) => p.kind === "audio");

  const speakerCamera = cameras.find((p) => p.peerId === activeSpeakerPeerId);
  const heardPeerAt = (peerId: string) => Math.max(...producers.filter((p) => p.peerId === peerId).map((p) => p.heardAt));
  const camera =
    speakerCamera?.id ??
    cameras.find((p) => p.id === current.camera)?.id ??
    cameras.toSorted((a, b) => heardPeerAt(b.peerId) - heardPeerAt(a.peerId))[0]?.id ??
    null;
  const screen = screens.find((p) => p.id === current.screen)?.id ?? screens[0]?.id ?? null;

  const heardAt = new Map(mics.map((p) => [p.id, p.heardAt]));
  const audio = current.audio.map((id) => (id !== null && heardAt.has(id) ? id : null));
  const waiting = mics.filter((p) => !audio.includes(p.id)).toSorted((a, b) => b.heardAt - a.heardAt);
  for (const candidate of waiting) {
    const free = audio.indexOf(null);
    if (free >= 0) {
      audio[free] = candidate.id;
      continue;
    }
    const stalest = audio.reduce((worst, id, index) => (heardAt.get(id!)! < heardAt.get(audio[worst]!)! ? index : worst), 0);
    if (heardAt.get(audio[stalest]!)! >= candidate.heardAt) break; // the rest were heard even earlier
    audio[stalest] = candidate.id;
  }
  return { camera, screen, audio };
}
