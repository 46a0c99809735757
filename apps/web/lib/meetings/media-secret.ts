import { getConfig } from "../config";

/**
 * The same development secret media-server falls back to (media-server/src/config.ts), so a
 * laptop works without setup; production refuses to sign with it.
 */
const DEV_MEDIA_SECRET = "diemcau-dev-media-secret-change-me-in-production";

export function getMediaSecret(): string {
  const { MEDIA_SECRET, NODE_ENV } = getConfig();
  if (MEDIA_SECRET) return MEDIA_SECRET;
  if (NODE_ENV === "production") throw new Error("[web] MEDIA_SECRET is required in production (the media server's join-token secret)");
  return DEV_MEDIA_SECRET;
}
