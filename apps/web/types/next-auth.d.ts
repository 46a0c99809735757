import type { TSessionUser } from "@/lib/auth/session-user";

declare module "next-auth" {
  interface Session {
    user: TSessionUser;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface User extends TSessionUser {}
}

declare module "next-auth/jwt" {
  interface JWT {
    user?: TSessionUser;
  }
}
