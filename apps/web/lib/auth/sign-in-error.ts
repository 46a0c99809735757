/** Stable codes for failed sign-ins; the sign-in page maps each to a Vietnamese/English message. */
export const SIGN_IN_ERROR_CODES = ["AUTH_INVALID_CREDENTIALS", "AUTH_LOCKED", "AUTH_DISABLED"] as const;
export type TSignInErrorCode = (typeof SIGN_IN_ERROR_CODES)[number];

/**
 * next-auth v4 hands only an Error's message to the browser, so the code and the lock's
 * remaining minutes travel as "CODE" or "CODE:minutes".
 */
export class SignInError extends Error {
  constructor(
    readonly code: TSignInErrorCode,
    readonly retryAfterMinutes?: number,
  ) {
    super(retryAfterMinutes === undefined ? code : `${code}:${retryAfterMinutes}`);
    this.name = "SignInError";
  }
}

export function parseSignInError(message: string | null | undefined): { code: TSignInErrorCode; minutes?: number } | null {
  if (!message) return null;
  const [code, minutes] = message.split(":");
  if (!SIGN_IN_ERROR_CODES.includes(code as TSignInErrorCode)) return { code: "AUTH_INVALID_CREDENTIALS" };
  return { code: code as TSignInErrorCode, minutes: minutes ? Number(minutes) : undefined };
}
