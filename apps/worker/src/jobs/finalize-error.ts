import { FINALIZE_FAILURE_MESSAGES, type TFinalizeFailureCode } from "@diemcau/protocol";

/** A finalize that retrying cannot fix (no media, not a video): the job fails without retries. */
export class FinalizeError extends Error {
  readonly messageVi: string;
  constructor(
    readonly code: TFinalizeFailureCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "FinalizeError";
    this.messageVi = FINALIZE_FAILURE_MESSAGES[code];
  }
}

/** True for "no space left on device", from Node (ENOSPC) or from ffmpeg's stderr. */
export function isDiskFull(error: unknown): boolean {
  if ((error as NodeJS.ErrnoException | undefined)?.code === "ENOSPC") return true;
  if (!(error instanceof Error)) return false;
  // FfmpegError keeps the end of ffmpeg's stderr, where the muxer reports the failed write.
  const stderr = "stderrTail" in error && typeof error.stderrTail === "string" ? error.stderrTail : "";
  return /No space left on device/i.test(`${error.message}\n${stderr}`);
}
