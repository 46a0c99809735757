import type { types } from "mediasoup-client";

/** The camera capture size; tests use 320×180 because software VP8 is the costly part. */
export type TCaptureSize = { width: number; height: number; frameRate: number };

export const DEFAULT_CAPTURE: TCaptureSize = { width: 1280, height: 720, frameRate: 24 };

/** Parses "320x180" or "320x180@15"; anything else gives undefined. */
export function parseCaptureSize(value: string | null | undefined): TCaptureSize | undefined {
  const match = /^(\d{2,4})x(\d{2,4})(?:@(\d{1,2}))?$/.exec(value?.trim() ?? "");
  if (!match) return undefined;
  const [width, height, frameRate] = [Number(match[1]), Number(match[2]), Number(match[3] ?? DEFAULT_CAPTURE.frameRate)];
  if (width < 16 || height < 16 || width > 3840 || height > 2160 || frameRate < 1) return undefined;
  return { width, height, frameRate };
}

export function cameraConstraints(size: TCaptureSize, deviceId?: string): MediaTrackConstraints {
  return {
    width: { ideal: size.width },
    height: { ideal: size.height },
    frameRate: { ideal: size.frameRate },
    ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
  };
}

export function micConstraints(deviceId?: string): MediaTrackConstraints {
  return { echoCancellation: true, noiseSuppression: true, autoGainControl: true, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
}

/**
 * Three simulcast layers at 1/4, 1/2 and full size, matching the media server's 180p/360p/720p
 * layers (media-server/src/layers.ts). Bitrates scale with the capture so a small test capture
 * does not ask for 720p bandwidth.
 */
export function cameraEncodings(size: TCaptureSize): types.RtpEncodingParameters[] {
  const fullBitrate = Math.round(Math.min(1_200_000, Math.max(150_000, size.width * size.height * size.frameRate * 0.055)));
  return [
    { rid: "r0", scaleResolutionDownBy: 4, maxBitrate: Math.round(fullBitrate / 8), scalabilityMode: "L1T3" },
    { rid: "r1", scaleResolutionDownBy: 2, maxBitrate: Math.round(fullBitrate / 2.4), scalabilityMode: "L1T3" },
    { rid: "r2", scaleResolutionDownBy: 1, maxBitrate: fullBitrate, scalabilityMode: "L1T3" },
  ];
}

/**
 * The microphone's Opus: 24 kbit/s is clear speech, and 40 ms packets halve the per-packet header
 * cost (about 70 bytes of IP, UDP, RTP and SRTP), so one voice takes about 38 kbit/s on the wire
 * and audio-only fits a 48 kbit/s link. In-band FEC covers a lost packet; DTX sends little in silence.
 */
export const MIC_CODEC_OPTIONS = { opusDtx: true, opusFec: true, opusMaxAverageBitrate: 24_000, opusPtime: 40 } as const;

/** Screen content: one layer, favouring sharp text over frame rate. */
export const SCREEN_ENCODINGS: types.RtpEncodingParameters[] = [{ maxBitrate: 1_500_000, dtx: true }];
