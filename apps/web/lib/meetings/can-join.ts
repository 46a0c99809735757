import type { Role } from "@diemcau/db";
import type { TMeetingRole } from "@diemcau/protocol";

/** Stable codes of every refusal to enter a meeting; the message is what the person reads. */
export type TMeetingRefusalCode =
  | "MEETING_NOT_FOUND"
  | "MEETING_NOT_INVITED"
  | "MEETING_CANCELLED"
  | "MEETING_ENDED"
  | "MEETING_NOT_OPEN"
  | "MEETING_INVITE_INVALID"
  | "MEETING_INVITE_EXPIRED"
  | "MEETING_INVITE_REVOKED"
  | "MEETING_INVITE_CLOSED"
  | "MEETING_REMOVED";

export const MEETING_REFUSAL_MESSAGES: Record<TMeetingRefusalCode, string> = {
  MEETING_NOT_FOUND: "Không tìm thấy cuộc họp này.",
  MEETING_NOT_INVITED: "Bạn không có trong danh sách tham dự cuộc họp này.",
  MEETING_CANCELLED: "Cuộc họp này đã bị hủy.",
  MEETING_ENDED: "Cuộc họp này đã kết thúc.",
  // The refusal itself says when the room opens (describeJoinWindow); this is the fallback.
  MEETING_NOT_OPEN: "Cuộc họp chưa mở.",
  MEETING_INVITE_INVALID: "Đường dẫn mời không hợp lệ hoặc không dành cho cuộc họp này.",
  MEETING_INVITE_EXPIRED: "Đường dẫn mời đã hết hạn. Hãy xin người chủ trì một đường dẫn mới.",
  MEETING_INVITE_REVOKED: "Người chủ trì đã thu hồi đường dẫn mời này.",
  MEETING_INVITE_CLOSED: "Đường dẫn mời này không còn nhận khách mới. Hãy xin người chủ trì một đường dẫn mới.",
  MEETING_REMOVED: "Bạn đã bị người chủ trì mời ra khỏi cuộc họp này.",
};

export type TMeetingAccess =
  | { ok: true; role: TMeetingRole; bridgePointId?: string; inviteId?: string; askToSpeak?: true }
  | { ok: false; code: TMeetingRefusalCode; message: string };

/** The parts of an event and a person that decide entry. */
export type TAccessEvent = {
  kind: "CONFERENCE" | "CLASS";
  status: "SCHEDULED" | "LIVE" | "ENDED" | "CANCELLED";
  hostId: string;
  courseTeacherId: string | null;
  scheduledBridgePointIds: readonly string[];
};
export type TAccessUser = { id: string; role: Role; bridgePointId: string | null };

export function refuse(code: TMeetingRefusalCode): TMeetingAccess & { ok: false } {
  return { ok: false, code, message: MEETING_REFUSAL_MESSAGES[code] };
}

/**
 * Who may enter, from the schedule. Conferences admit department staff and administrators
 * (as presenters, so they can share slides) and the accounts of the scheduled bridge points;
 * lessons admit the course's teacher and its enrolled students, who join muted with the camera
 * off and ask to speak by raising a hand (askToSpeak). The event's host (and a lesson's teacher)
 * gets HOST. Guests come in through an invite link, decided elsewhere.
 */
export function canJoin(event: TAccessEvent, user: TAccessUser, { enrolled }: { enrolled: boolean }): TMeetingAccess {
  if (event.status === "CANCELLED") return refuse("MEETING_CANCELLED");
  if (event.status === "ENDED") return refuse("MEETING_ENDED");
  if (user.id === event.hostId) return { ok: true, role: "HOST" };

  if (event.kind === "CONFERENCE") {
    if (user.role === "STAFF" || user.role === "ADMIN") return { ok: true, role: "PRESENTER" };
    if (user.role === "BRIDGE_POINT" && user.bridgePointId && event.scheduledBridgePointIds.includes(user.bridgePointId)) {
      return { ok: true, role: "ATTENDEE", bridgePointId: user.bridgePointId };
    }
    return refuse("MEETING_NOT_INVITED");
  }

  if (user.id === event.courseTeacherId) return { ok: true, role: "HOST" };
  if (user.role === "STUDENT" && enrolled) return { ok: true, role: "ATTENDEE", askToSpeak: true };
  return refuse("MEETING_NOT_INVITED");
}
