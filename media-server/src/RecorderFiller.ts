import { execFile } from "node:child_process";

/**
 * What the recorder sends ffmpeg for an input that has nothing to say (a paused or silent
 * producer): ffmpeg's amix and streamselect wait for every input, so one starving input would
 * stall the whole program.
 */

/** One 20 ms Opus frame of silence (CELT, fullband, mono: the decoder upmixes it). */
export const OPUS_SILENCE_FRAME = Buffer.from([0xf8, 0xff, 0xfe]);
export const OPUS_FRAME_MS = 20;

/** Small on purpose: the program's scale filter brings it to the output size like any camera. */
const BLACK_SIZE = "320x180";

let blackKeyframe: Promise<Buffer> | undefined;

/** A black VP8 keyframe encoded once per process by ffmpeg (libvpx), as a raw VP8 frame. */
export function blackVp8Keyframe(ffmpegPath: string): Promise<Buffer> {
  blackKeyframe ??= new Promise<Buffer>((resolve, reject) => {
    execFile(
      ffmpegPath,
      ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", `color=black:s=${BLACK_SIZE}:r=1`, "-frames:v", "1", "-c:v", "libvpx", "-f", "ivf", "pipe:1"],
      { encoding: "buffer", maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error) return reject(error);
        // IVF: a 32-byte file header, then per frame a 12-byte header (4 bytes size, 8 bytes pts).
        const size = stdout.readUInt32LE(32);
        resolve(Buffer.from(stdout.subarray(44, 44 + size)));
      },
    );
  });
  blackKeyframe.catch(() => (blackKeyframe = undefined));
  return blackKeyframe;
}

/** VP8 RTP payloads (RFC 7741) of one frame: a one-byte descriptor, S set on the first. */
export function packetizeVp8(frame: Buffer, maxPayload = 1100): Buffer[] {
  const payloads: Buffer[] = [];
  for (let offset = 0; offset < frame.length; offset += maxPayload) {
    const descriptor = Buffer.from([offset === 0 ? 0x10 : 0x00]);
    payloads.push(Buffer.concat([descriptor, frame.subarray(offset, offset + maxPayload)]));
  }
  return payloads;
}

/** True when an RTP VP8 payload starts a keyframe (RFC 7741 §4.2–4.3). */
export function isVp8KeyframeStart(payload: Buffer): boolean {
  if (payload.length < 1) return false;
  const b0 = payload[0]!;
  const start = (b0 & 0x10) !== 0 && (b0 & 0x07) === 0;
  if (!start) return false;
  let offset = 1;
  if (b0 & 0x80) {
    const x = payload[offset++];
    if (x === undefined) return false;
    if (x & 0x80) offset += (payload[offset]! & 0x80) !== 0 ? 2 : 1; // picture id, 7 or 15 bits
    if (x & 0x40) offset += 1; // TL0PICIDX
    if (x & 0x30) offset += 1; // TID/KEYIDX
  }
  const header = payload[offset];
  return header !== undefined && (header & 0x01) === 0;
}
