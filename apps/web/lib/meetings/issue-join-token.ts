import { JOIN_TOKEN_MAX_TTL_SECONDS, signJoinToken, type TMeetingRole } from "@diemcau/protocol";
import type { TJoinTokenResponse } from "./join-token-response";
import { getConfig } from "../config";
import { getMediaSecret } from "./media-secret";
import { placeMediaNode } from "./place-media-node";

/**
 * A two-minute join token for someone resolveMeetingAccess admitted. The token route and the room
 * page (which hands the first one to the browser with the page) both sign here, so they agree.
 * With several media-server nodes the token names the node placed for this person, signed so the
 * browser cannot choose another, and the answer says where that node is.
 */
export async function issueJoinToken(
  event: { roomName: string; record?: boolean },
  access: { role: TMeetingRole; bridgePointId?: string; inviteId?: string; askToSpeak?: true },
  who: { userId: string; displayName: string },
): Promise<Pick<TJoinTokenResponse, "token" | "expiresInSeconds" | "mediaServerUrl">> {
  const node = await placeMediaNode(event.roomName);
  // The host of an event scheduled with recording starts the recording by joining.
  const autoRecord = access.role === "HOST" && event.record === true ? { autoRecord: true } : {};
  const claims = {
    room: event.roomName,
    ...who,
    role: access.role,
    bridgePointId: access.bridgePointId,
    ...(access.inviteId ? { inviteId: access.inviteId } : {}),
    ...(access.askToSpeak ? { askToSpeak: true } : {}),
    ...autoRecord,
    ...(node ? { node } : {}),
  };
  const token = await signJoinToken(claims, getMediaSecret(), { ttlSeconds: JOIN_TOKEN_MAX_TTL_SECONDS });
  return { token, expiresInSeconds: JOIN_TOKEN_MAX_TTL_SECONDS, mediaServerUrl: node?.url ?? getConfig().MEDIA_SERVER_URL };
}
