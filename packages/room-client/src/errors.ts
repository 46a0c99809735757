import { SIGNALING_ERROR_MESSAGES, type TSignalingErrorCode } from "@diemcau/protocol";

/** Failures that happen in the browser rather than on the media server. */
export type TClientErrorCode =
  | "MEDIA_PERMISSION_DENIED"
  | "MEDIA_DEVICE_NOT_FOUND"
  | "MEDIA_DEVICE_BUSY"
  | "MEDIA_UNSUPPORTED"
  | "SCREEN_SHARE_CANCELLED"
  | "CONNECTION_FAILED"
  | "JOIN_REFUSED"
  | "NOT_CONNECTED"
  | "TIMEOUT";

export type TRoomClientErrorCode = TClientErrorCode | TSignalingErrorCode;

const CLIENT_ERROR_MESSAGES: Record<TClientErrorCode, string> = {
  MEDIA_PERMISSION_DENIED:
    "Trình duyệt chưa được phép dùng camera/micro. Hãy bấm biểu tượng ổ khóa cạnh địa chỉ trang, chọn Cho phép rồi thử lại.",
  MEDIA_DEVICE_NOT_FOUND: "Không tìm thấy camera hoặc micro. Hãy kiểm tra thiết bị đã được cắm.",
  MEDIA_DEVICE_BUSY: "Camera hoặc micro đang được ứng dụng khác sử dụng. Hãy đóng ứng dụng đó rồi thử lại.",
  MEDIA_UNSUPPORTED: "Trình duyệt này không hỗ trợ họp trực tuyến. Hãy dùng Chrome, Edge hoặc Firefox bản mới.",
  SCREEN_SHARE_CANCELLED: "Đã hủy chia sẻ màn hình.",
  CONNECTION_FAILED: "Mất kết nối tới máy chủ họp. Đang thử kết nối lại…",
  JOIN_REFUSED: "Bạn không thể tham gia cuộc họp này.",
  NOT_CONNECTED: "Chưa kết nối tới phòng họp.",
  TIMEOUT: "Máy chủ họp không phản hồi. Vui lòng thử lại.",
};

function defaultMessage(code: TRoomClientErrorCode): string {
  return Object.hasOwn(CLIENT_ERROR_MESSAGES, code)
    ? CLIENT_ERROR_MESSAGES[code as TClientErrorCode]
    : SIGNALING_ERROR_MESSAGES[code as TSignalingErrorCode];
}

/** Every error the client reports: a stable code and a Vietnamese message to show as is. */
export class RoomClientError extends Error {
  constructor(
    readonly code: TRoomClientErrorCode,
    message: string = defaultMessage(code),
    /** False when trying again cannot help (refused, removed, ended); the reconnect loop stops. */
    readonly retryable = true,
  ) {
    super(message);
    this.name = "RoomClientError";
  }
}

/** Signaling refusals after which reconnecting would only be refused again. */
const FINAL_CODES: ReadonlySet<TRoomClientErrorCode> = new Set([
  "TOKEN_INVALID",
  "FORBIDDEN",
  "ROOM_LOCKED",
  "ROOM_ENDED",
  "REMOVED",
  "JOIN_REFUSED",
  "MEDIA_UNSUPPORTED",
]);

export function signalingFailure(code: TRoomClientErrorCode, message?: string): RoomClientError {
  return new RoomClientError(code, message, !FINAL_CODES.has(code));
}

/** Maps getUserMedia/getDisplayMedia failures (DOMException names) to a message people can act on. */
export function mediaErrorFrom(error: unknown, screen = false): RoomClientError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
      return new RoomClientError(screen ? "SCREEN_SHARE_CANCELLED" : "MEDIA_PERMISSION_DENIED");
    case "NotFoundError":
    case "OverconstrainedError":
      return new RoomClientError("MEDIA_DEVICE_NOT_FOUND");
    case "NotReadableError":
    case "AbortError":
      return new RoomClientError("MEDIA_DEVICE_BUSY");
    case "TypeError":
      return new RoomClientError("MEDIA_UNSUPPORTED");
    default:
      return new RoomClientError("MEDIA_DEVICE_BUSY", `${CLIENT_ERROR_MESSAGES.MEDIA_DEVICE_BUSY} (${name || String(error)})`);
  }
}
