import { MAX_VIDEO_SLOTS } from "@diemcau/protocol";
import type { TConnectionQuality } from "./quality";

/** The smallest tile worth a video, in CSS pixels: a 16:9 picture a face can be read in. */
const TILE = { width: 320, height: 180 } as const;
/** Downlink a video slot needs: the 180p layer (about 150 kbit/s) with room for audio and the share. */
const KBPS_PER_SLOT = 300;

export type TVideoSlotsInput = {
  /** The stage's size in CSS pixels. */
  width: number;
  height: number;
  /** The browser's downlink estimate (navigator.connection.downlink × 1000), when it gives one. */
  downlinkKbps?: number;
  quality: TConnectionQuality;
};

/**
 * Last-N for this client: as many speakers' videos as tiles of 320×180 fit on its stage (one or two on a
 * phone held upright, up to nine on a big screen), fewer when the link cannot carry them: one on a
 * poor link, at most three on a fair one, and one slot per 300 kbit/s of estimated downlink.
 */
export function chooseVideoSlots({ width, height, downlinkKbps, quality }: TVideoSlotsInput): number {
  const fit = Math.floor(width / TILE.width) * Math.floor(height / TILE.height);
  let slots = Math.min(MAX_VIDEO_SLOTS, Math.max(1, fit));
  if (quality === "poor") slots = 1;
  else if (quality === "fair") slots = Math.min(slots, 3);
  if (downlinkKbps !== undefined && downlinkKbps > 0) slots = Math.min(slots, Math.max(1, Math.floor(downlinkKbps / KBPS_PER_SLOT)));
  return slots;
}
