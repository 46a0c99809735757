import type { TTimedText } from "./timed-text";

/** Audio every engine takes: 16 kHz mono signed 16-bit little-endian PCM (what `ffmpeg -ar 16000 -ac 1 -f s16le` writes). */
export const ENGINE_SAMPLE_RATE = 16_000;
export const ENGINE_BYTES_PER_SAMPLE = 2;

export interface TTranscribeOptions {
  /** ISO 639-1 code of the spoken language, e.g. "vi". */
  language: string;
  /** Fraction 0..1 of this chunk done, as the engine reports it. */
  onProgress?: (fraction: number) => void;
}

/**
 * A speech-to-text engine. It hears one chunk of PCM at a time and returns what it recognized,
 * in seconds from the start of that chunk, never past its end; nothing when it heard nothing.
 */
export interface TranscriptionEngine {
  /** Shown to operators and stored with the job's result, e.g. "whisper.cpp (ggml-base.bin)". */
  readonly name: string;
  transcribe(pcm: Buffer, options: TTranscribeOptions): Promise<TTimedText[]>;
  /** Frees the model; the engine cannot be used afterwards. */
  close(): Promise<void>;
}

/** Seconds of audio in a PCM buffer of the engine's format. */
export function pcmDurationSec(pcm: Buffer): number {
  return pcm.byteLength / ENGINE_BYTES_PER_SAMPLE / ENGINE_SAMPLE_RATE;
}
