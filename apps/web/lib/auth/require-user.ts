import type { Role } from "@diemcau/db";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getAuthOptions } from "./auth-options";
import type { TSessionUser } from "./session-user";

export const SIGN_IN_PATH = "/dang-nhap";

/** The signed-in user, or null; memoized per request. */
export const getCurrentUser = cache(async (): Promise<TSessionUser | null> => {
  const session = await getServerSession(getAuthOptions());
  return session?.user ?? null;
});

/** For server components: sends anonymous visitors to the sign-in page. */
export async function requireUser(): Promise<TSessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(SIGN_IN_PATH);
  return user;
}

/** For server components: anonymous → sign-in page; any other role → the 403 page (HTTP 403). */
export async function requireRole(...roles: Role[]): Promise<TSessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) forbidden();
  return user;
}
