import { prisma, type Role } from "@diemcau/db";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { refreshSessionUser } from "./account-state";
import { getAuthOptions } from "./auth-options";
import type { TSessionUser } from "./session-user";

export const SIGN_IN_PATH = "/dang-nhap";
/** Where a session whose password must change is sent, and the only page it may open. */
export const CHANGE_PASSWORD_PATH = "/tai-khoan/mat-khau";

/**
 * The session's user as the database has it now (see account-state.ts), including one that must
 * change its password first; null when signed out or the session ended. Memoized per request.
 */
export const getSessionUser = cache(async (): Promise<TSessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  return session?.user ? refreshSessionUser(prisma, session.user) : null;
});

/**
 * The signed-in user, or null. A session that must change its password counts as not signed in
 * (it sees only what the public sees) until it has chosen a new one.
 */
export async function getCurrentUser(): Promise<TSessionUser | null> {
  const user = await getSessionUser();
  return user && !user.mustChangePassword ? user : null;
}

/** For server components: anonymous → sign-in page; a password to change → the change page. */
export async function requireUser(): Promise<TSessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(SIGN_IN_PATH);
  if (user.mustChangePassword) redirect(CHANGE_PASSWORD_PATH);
  return user;
}

/** For server components: anonymous → sign-in page; any other role → the 403 page (HTTP 403). */
export async function requireRole(...roles: Role[]): Promise<TSessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) forbidden();
  return user;
}
