import { createHmac } from "node:crypto";

export type TIceServer = { urls: string[]; username?: string; credential?: string };

/** The ICE servers of config.ts: self-hosted only, and with TURN the secret shared with coturn. */
export type TIceConfig = { urls: string[]; turnSecret?: string; credentialTtlSeconds: number };

/**
 * ICE servers for one person in one room, with TURN credentials by coturn's REST API scheme
 * (`use-auth-secret` + `static-auth-secret`): the username is `<expiry unix seconds>:<user>`,
 * here `<expiry>:<userId>@<room>`, and the password base64(HMAC-SHA1(secret, username)). coturn
 * checks both without asking us, and refuses the username once its expiry has passed, so what a
 * browser (or a guest) saw is good for this person and room only, and only for a while.
 */
export function iceServersFor(ice: TIceConfig, who: { userId: string; room: string }, now = Date.now()): TIceServer[] {
  if (ice.urls.length === 0) return [];
  if (!ice.turnSecret) return [{ urls: ice.urls }];
  const expiry = Math.floor(now / 1000) + ice.credentialTtlSeconds;
  const username = `${expiry}:${who.userId}@${who.room}`;
  const credential = createHmac("sha1", ice.turnSecret).update(username).digest("base64");
  return [{ urls: ice.urls, username, credential }];
}
