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

export async function issueJoinToken(claims: {
  room: string;
  userId: string;
  displayName: string;
  role: TMeetingRole;
  bridgePointId?: string;
}): Promise<Pick<TJoinTokenResponse, "token" | "expiresInSeconds">> {
  const token = await signJoinToken(claims, getMediaSecret(), { ttlSeconds: JOIN_TOKEN_MAX_TTL_SECONDS });
  return { token, expiresInSeconds: JOIN_TOKEN_MAX_TTL_SECONDS };
}
