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
