import { z } from "zod";

/** Stable codes of every signaling failure; clients switch on these, people read the message. */
export const ZSignalingErrorCodeSchema = z.enum([
  "BAD_REQUEST",
  "UNKNOWN_REQUEST",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "TOKEN_MISSING",
  "TOKEN_EXPIRED",
  "TOKEN_INVALID",
  "WRONG_NODE",
  "NOT_JOINED",
  "ALREADY_JOINED",
  "FORBIDDEN",
  "ROOM_LOCKED",
  "ROOM_ENDED",
  "ROOM_CLOSED",
  "REMOVED",
  "PEER_NOT_FOUND",
  "TRANSPORT_NOT_FOUND",
  "PRODUCER_NOT_FOUND",
  "CONSUMER_NOT_FOUND",
  "NO_RECV_TRANSPORT",
  "CANNOT_CONSUME",
  "ROLL_CALL_NOT_ACTIVE",
  "NOT_A_BRIDGE_POINT",
  "MEDIA_ERROR",
  "RECORDING_UNAVAILABLE",
  "HOST_PROTECTED",
  "SCHEDULED_HOST_ONLY",
  "ROOM_FULL",
  "TOO_MANY_CONNECTIONS",
  "TOO_MANY_TRANSPORTS",
  "TOO_MANY_PRODUCERS",
  "TOO_MANY_CONSUMERS",
  "ALREADY_CONSUMING",
  "SPEAK_NOT_GRANTED",
  "INTERNAL",
]);
export type TSignalingErrorCode = z.infer<typeof ZSignalingErrorCodeSchema>;

export const SIGNALING_ERROR_MESSAGES: Record<TSignalingErrorCode, string> = {
  BAD_REQUEST: "Yêu cầu không hợp lệ.",
  UNKNOWN_REQUEST: "Yêu cầu không được hỗ trợ.",
  PAYLOAD_TOO_LARGE: "Dữ liệu gửi lên quá lớn.",
  RATE_LIMITED: "Bạn gửi yêu cầu quá nhanh. Vui lòng chờ một chút.",
  TOKEN_MISSING: "Thiếu mã tham gia cuộc họp.",
  TOKEN_EXPIRED: "Mã tham gia đã hết hạn. Hãy mở lại trang cuộc họp để lấy mã mới.",
  TOKEN_INVALID: "Mã tham gia không hợp lệ hoặc không phải do hệ thống này cấp.",
  WRONG_NODE: "Phòng họp đã chuyển sang máy chủ khác. Đang kết nối lại…",
  NOT_JOINED: "Bạn chưa vào phòng họp.",
  ALREADY_JOINED: "Bạn đã ở trong phòng họp.",
  FORBIDDEN: "Bạn không có quyền thực hiện thao tác này.",
  ROOM_LOCKED: "Phòng họp đã được khóa. Hãy liên hệ người chủ trì.",
  ROOM_ENDED: "Cuộc họp đã kết thúc.",
  ROOM_CLOSED: "Phòng họp đã đóng do sự cố máy chủ. Đang kết nối lại…",
  REMOVED: "Bạn đã bị mời ra khỏi cuộc họp.",
  PEER_NOT_FOUND: "Không tìm thấy người tham gia.",
  TRANSPORT_NOT_FOUND: "Không tìm thấy kết nối truyền tải.",
  PRODUCER_NOT_FOUND: "Không tìm thấy luồng phát.",
  CONSUMER_NOT_FOUND: "Không tìm thấy luồng nhận.",
  NO_RECV_TRANSPORT: "Chưa tạo kết nối nhận.",
  CANNOT_CONSUME: "Không thể nhận luồng này.",
  ROLL_CALL_NOT_ACTIVE: "Không có phiên điểm danh nào đang diễn ra.",
  NOT_A_BRIDGE_POINT: "Chỉ điểm cầu mới trả lời điểm danh.",
  MEDIA_ERROR: "Lỗi xử lý âm thanh/hình ảnh.",
  RECORDING_UNAVAILABLE: "Không bắt đầu được việc ghi hình trên máy chủ này.",
  HOST_PROTECTED: "Không thể mời ra hay hạ quyền người chủ trì theo lịch.",
  SCHEDULED_HOST_ONLY: "Chỉ người chủ trì theo lịch mới làm được việc này.",
  ROOM_FULL: "Phòng họp đã đủ số người tối đa. Hãy liên hệ người chủ trì.",
  TOO_MANY_CONNECTIONS: "Mã tham gia này đã được dùng cho quá nhiều kết nối. Hãy mở lại trang cuộc họp.",
  TOO_MANY_TRANSPORTS: "Bạn đã mở quá nhiều kết nối truyền tải.",
  TOO_MANY_PRODUCERS: "Bạn đang phát quá nhiều luồng cùng lúc.",
  TOO_MANY_CONSUMERS: "Bạn đang nhận quá nhiều luồng cùng lúc.",
  ALREADY_CONSUMING: "Bạn đã nhận luồng này rồi.",
  SPEAK_NOT_GRANTED: "Hãy giơ tay và chờ người chủ trì cho phép phát biểu.",
  INTERNAL: "Lỗi máy chủ. Vui lòng thử lại.",
};

export const ZSignalingErrorSchema = z.object({ code: ZSignalingErrorCodeSchema, message: z.string() });
export type TSignalingError = z.infer<typeof ZSignalingErrorSchema>;

/** Every request is answered through the socket.io ack with one of these two shapes. */
export function ZAckSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ZSignalingErrorSchema }),
  ]);
}
export type TAck<T> = { ok: true; data: T } | { ok: false; error: TSignalingError };

export function signalingError(code: TSignalingErrorCode, message = SIGNALING_ERROR_MESSAGES[code]): TSignalingError {
  return { code, message };
}
