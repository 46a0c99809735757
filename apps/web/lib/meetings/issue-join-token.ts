import { randomUUID } from "node:crypto";
import { JOIN_TOKEN_MAX_TTL_SECONDS, signJoinToken, type TMeetingRole } from "@diemcau/protocol";
import type { TJoinTokenResponse } from "./join-token-response";
import { getMediaSecret } from "./media-secret";

export const GUEST_COOKIE = "diemcau_guest";

/** A stable id per guest browser, so a guest's reconnect replaces its old session instead of doubling it. */
export function guestUserId(cookieValue: string | undefined): { userId: string; newCookie?: string } {
  if (cookieValue && /^[0-9a-f-]{36}$/.test(cookieValue)) return { userId: `guest:${cookieValue}` };
  const id = randomUUID();
  return { userId: `guest:${id}`, newCookie: id };
}

/**
 * A two-minute join token for someone resolveMeetingAccess admitted. The token route and the room
 * page (which hands the first one to the browser with the page) both sign here, so they agree.
 */
export async function issueJoinToken(
  event: { roomName: string; record?: boolean },
  access: { role: TMeetingRole; bridgePointId?: string },
  who: { userId: string; displayName: string },
): Promise<Pick<TJoinTokenResponse, "token" | "expiresInSeconds">> {
  // The host of an event scheduled with recording starts the recording by joining.
  const autoRecord = access.role === "HOST" && event.record === true ? { autoRecord: true } : {};
  const claims = { room: event.roomName, ...who, role: access.role, bridgePointId: access.bridgePointId, ...autoRecord };
  const token = await signJoinToken(claims, getMediaSecret(), { ttlSeconds: JOIN_TOKEN_MAX_TTL_SECONDS });
  return { token, expiresInSeconds: JOIN_TOKEN_MAX_TTL_SECONDS };
}
