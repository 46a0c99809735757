import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Built per request from lazily read options, so importing this module at build time needs no secrets.
async function handler(req: Request, ctx: RouteContext) {
  return NextAuth(getAuthOptions())(req, ctx);
}

export { handler as GET, handler as POST };
