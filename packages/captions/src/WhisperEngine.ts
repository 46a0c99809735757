import { basename } from "node:path";
import { addNativeLogListener, initWhisper, toggleNativeLog, type WhisperContext } from "@fugood/whisper.node";
import { normalizeCueText, type TTimedText } from "./timed-text";
import { pcmDurationSec, type TranscriptionEngine, type TTranscribeOptions } from "./TranscriptionEngine";
import { withTimeout } from "./with-timeout";

export interface TWhisperEngineOptions {
  /** A whisper.cpp ggml model file (e.g. a multilingual ggml-base.bin or a Vietnamese fine-tune), provided by the operator. */
  modelPath: string;
  /** CPU threads for one transcription. */
  threads: number;
  /** Longest wait for loading the model or for one chunk; past it the call fails. */
  timeoutMs: number;
}

// whisper.cpp marks what is not speech in brackets ("[BLANK_AUDIO]", "[Music]", "(tiếng vỗ tay)"):
// those are not words anybody said, so they never become transcript lines.
const NON_SPEECH = /^[[(].*[\])]$/;

let nativeLogRouted = false;

/** whisper.cpp's own log says a lot on every load; only its errors reach the process's log. */
function routeNativeLog(): void {
  if (nativeLogRouted) return;
  nativeLogRouted = true;
  void toggleNativeLog(true);
  addNativeLogListener((level, text) => {
    if (level === "error") console.error(`[whisper.cpp] ${text.trim()}`);
  });
}

/**
 * whisper.cpp through @fugood/whisper.node, on the CPU. The binding may leave a failed call's
 * promise unsettled, so every call runs under a timeout (and a stuck transcription is stopped).
 */
export class WhisperEngine implements TranscriptionEngine {
  readonly name: string;

  private constructor(
    private readonly context: WhisperContext,
    private readonly options: TWhisperEngineOptions,
  ) {
    this.name = `whisper.cpp (${basename(options.modelPath)})`;
  }

  static async load(options: TWhisperEngineOptions): Promise<WhisperEngine> {
    routeNativeLog();
    const context = await withTimeout(initWhisper({ filePath: options.modelPath, useGpu: false }), options.timeoutMs, `loading ${options.modelPath}`);
    return new WhisperEngine(context, options);
  }

  async transcribe(pcm: Buffer, { language, onProgress }: TTranscribeOptions): Promise<TTimedText[]> {
    const durationSec = pcmDurationSec(pcm);
    if (durationSec === 0) return [];
    // The binding wants an ArrayBuffer of exactly this chunk, not a view into a larger pool.
    const audio = pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength) as ArrayBuffer;
    const job = this.context.transcribeData(audio, {
      language,
      maxThreads: this.options.threads,
      temperature: 0,
      onProgress: onProgress ? (percent) => onProgress(percent / 100) : undefined,
    });
    const result = await withTimeout(job.promise, this.options.timeoutMs, "whisper transcription", () => void job.stop().catch(() => undefined));
    return result.segments
      .map((segment) => ({
        // t0/t1 are milliseconds from the start of the chunk.
        startSec: Math.min(segment.t0 / 1000, durationSec),
        endSec: Math.min(segment.t1 / 1000, durationSec),
        text: normalizeCueText(segment.text),
      }))
      .filter((segment) => segment.text.length > 0 && !NON_SPEECH.test(segment.text) && segment.endSec > segment.startSec);
  }

  async close(): Promise<void> {
    await withTimeout(this.context.release(), this.options.timeoutMs, "releasing the whisper model");
  }
}
