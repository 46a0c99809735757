import { SIGNALING_ERROR_MESSAGES, type TSignalingErrorCode } from "@diemcau/protocol";

/** A refusal the client should see as {ok:false, error:{code, message}}. */
export class SignalingError extends Error {
  constructor(
    readonly code: TSignalingErrorCode,
    message = SIGNALING_ERROR_MESSAGES[code],
  ) {
    super(message);
    this.name = "SignalingError";
  }
}
