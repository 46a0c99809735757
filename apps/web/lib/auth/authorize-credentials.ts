import type { Db } from "@diemcau/db";
import { hashPassword, verifyPassword } from "@diemcau/db/password";
import { z } from "zod";
import {
  ADDRESS_MAX_FAILURES,
  addressThrottleKey,
  clearLoginThrottle,
  readLoginThrottle,
  recordLoginFailure,
  retryAfterMinutes,
  throttleKey,
  type TThrottleState,
} from "./login-throttle";
import type { TSessionUser } from "./session-user";
import { SignInError } from "./sign-in-error";

export const ZCredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(256),
});
export type TCredentials = z.infer<typeof ZCredentialsSchema>;

// Verifying against a throwaway hash when the email is unknown keeps the answer's timing from
// revealing which emails have accounts.
let decoyHash: Promise<string> | undefined;
async function verifyOrDecoy(passwordHash: string | undefined, password: string): Promise<boolean> {
  decoyHash ??= hashPassword("diemcau-decoy-password");
  return verifyPassword(passwordHash ?? (await decoyHash), password);
}

/**
 * Checks an email and password for next-auth's Credentials provider. Throws SignInError on
 * bad input, wrong credentials or a locked email+address; every failure counts toward the lock.
 */
export async function authorizeCredentials(db: Db, input: unknown, clientIp: string): Promise<TSessionUser> {
  const parsed = ZCredentialsSchema.safeParse(input);
  if (!parsed.success) throw new SignInError("AUTH_INVALID_CREDENTIALS");
  const { email, password } = parsed.data;
  const key = throttleKey(email, clientIp);
  const addressKey = addressThrottleKey(clientIp);

  const throttle = longerLock(await readLoginThrottle(db, key), await readLoginThrottle(db, addressKey));
  if (throttle.locked) throw new SignInError("AUTH_LOCKED", retryAfterMinutes(throttle.retryAfterMs));

  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      bridgePointId: true,
      locale: true,
      passwordHash: true,
      sessionVersion: true,
      mustChangePassword: true,
      isDemo: true,
      disabledAt: true,
    },
  });
  const passwordMatches = await verifyOrDecoy(user?.passwordHash, password);
  if (!user || !passwordMatches) {
    const after = longerLock(await recordLoginFailure(db, key), await recordLoginFailure(db, addressKey, new Date(), ADDRESS_MAX_FAILURES));
    if (after.locked) throw new SignInError("AUTH_LOCKED", retryAfterMinutes(after.retryAfterMs));
    throw new SignInError("AUTH_INVALID_CREDENTIALS");
  }

  // Only this email's counter: a sprayer who signs into an account of their own keeps the address's.
  await clearLoginThrottle(db, key);
  // Told only to someone who knows the password, so it reveals nothing to a guesser.
  if (user.disabledAt) throw new SignInError("AUTH_DISABLED");
  const { passwordHash: _hash, disabledAt: _disabled, ...sessionUser } = user;
  return sessionUser;
}

function longerLock(a: TThrottleState, b: TThrottleState): TThrottleState {
  if (!a.locked) return b;
  if (!b.locked) return a;
  return a.retryAfterMs >= b.retryAfterMs ? a : b;
}
