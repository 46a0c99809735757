import type { TMeetingRole } from "@diemcau/protocol";
import { describeJoinWindow, getJoinWindow, type TJoinable } from "../schedule/join-window";
import { refuse, type TMeetingAccess } from "./can-join";

/**
 * When an admitted person may come in: the host at any time before the end (to prepare the room),
 * everyone else from the lobby's opening, 15 minutes before the start. A refusal before that
 * says, in Vietnamese, when the room opens.
 */
export function checkJoinWindow(event: TJoinable, role: TMeetingRole, now: Date): TMeetingAccess | null {
  const window = getJoinWindow(event, now);
  switch (window.state) {
    case "cancelled":
      return refuse("MEETING_CANCELLED");
    case "ended":
      return refuse("MEETING_ENDED");
    case "not-yet":
      return role === "HOST" ? null : { ok: false, code: "MEETING_NOT_OPEN", message: describeJoinWindow(window) };
    case "lobby":
    case "open":
      return null;
  }
}
