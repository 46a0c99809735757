import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";

/** Role inside one meeting (not the account role): decided by web from the schedule. */
export const ZMeetingRoleSchema = z.enum(["HOST", "PRESENTER", "ATTENDEE"]);
export type TMeetingRole = z.infer<typeof ZMeetingRoleSchema>;

export const ZJoinTokenClaimsSchema = z.object({
  room: z.string().min(1).max(128),
  userId: z.string().min(1).max(128),
  displayName: z.string().trim().min(1).max(120),
  role: ZMeetingRoleSchema,
  bridgePointId: z.string().min(1).max(128).optional(),
  /** Set for the HOST of an event scheduled with recording on: the recording starts when the host joins. */
  autoRecord: z.boolean().optional(),
  /** The invite that admitted this person (a guest, or an account not on the list): a removal is bound to it. */
  inviteId: z.string().min(1).max(128).optional(),
  /**
   * A student in a lesson: joins with the microphone muted and the camera off, publishes them only
   * while the host grants it the floor, and is announced to the room only once it raises its hand.
   */
  askToSpeak: z.boolean().optional(),
  /**
   * With several media-server nodes: the node web placed this person on. Signed, so a client cannot
   * pick its node; another node refuses the token (WRONG_NODE) and the client asks for a new one.
   */
  node: z.object({ id: z.string().min(1).max(64), url: z.url({ protocol: /^https?$/ }) }).optional(),
});
export type TJoinTokenClaims = z.infer<typeof ZJoinTokenClaimsSchema>;

/** A join token only opens the door; after that the socket session carries the identity. */
export const JOIN_TOKEN_MAX_TTL_SECONDS = 120;
const AUDIENCE = "diemcau:media-server";
const ISSUER = "diemcau:web";
/** Tolerated clock difference between web and media-server hosts. */
const CLOCK_TOLERANCE_SECONDS = 5;

export type TJoinTokenErrorCode = "TOKEN_MISSING" | "TOKEN_EXPIRED" | "TOKEN_INVALID";

const MESSAGES: Record<TJoinTokenErrorCode, string> = {
  TOKEN_MISSING: "Thiếu mã tham gia cuộc họp.",
  TOKEN_EXPIRED: "Mã tham gia đã hết hạn. Hãy mở lại trang cuộc họp để lấy mã mới.",
  TOKEN_INVALID: "Mã tham gia không hợp lệ hoặc không phải do hệ thống này cấp.",
};

export class JoinTokenError extends Error {
  constructor(readonly code: TJoinTokenErrorCode) {
    super(MESSAGES[code]);
    this.name = "JoinTokenError";
  }
}

function keyOf(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error("MEDIA_SECRET must be at least 32 characters");
  return new TextEncoder().encode(secret);
}

/** Signs a join token (HS256) valid for at most two minutes. Used by web. */
export async function signJoinToken(
  claims: TJoinTokenClaims,
  secret: string,
  { ttlSeconds = JOIN_TOKEN_MAX_TTL_SECONDS, now = Date.now() }: { ttlSeconds?: number; now?: number } = {},
): Promise<string> {
  if (ttlSeconds <= 0 || ttlSeconds > JOIN_TOKEN_MAX_TTL_SECONDS)
    throw new RangeError(`ttlSeconds must be in (0, ${JOIN_TOKEN_MAX_TTL_SECONDS}]`);
  const iat = Math.floor(now / 1000);
  return new SignJWT(ZJoinTokenClaimsSchema.parse(claims))
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(keyOf(secret));
}

/**
 * Verifies signature, issuer, audience, expiry, a lifetime of at most two minutes and the claims'
 * shape. Throws JoinTokenError with a stable code. Used by media-server.
 */
export async function verifyJoinToken(token: unknown, secret: string): Promise<TJoinTokenClaims & { exp: number }> {
  if (typeof token !== "string" || token.length === 0) throw new JoinTokenError("TOKEN_MISSING");
  if (token.length > 4096) throw new JoinTokenError("TOKEN_INVALID");
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ["exp", "iat"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const { exp, iat } = payload as { exp: number; iat: number };
    if (exp - iat > JOIN_TOKEN_MAX_TTL_SECONDS) throw new JoinTokenError("TOKEN_INVALID");
    const claims = ZJoinTokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw new JoinTokenError("TOKEN_INVALID");
    return { ...claims.data, exp };
  } catch (error) {
    if (error instanceof JoinTokenError) throw error;
    if (error instanceof errors.JWTExpired) throw new JoinTokenError("TOKEN_EXPIRED");
    throw new JoinTokenError("TOKEN_INVALID");
  }
}
