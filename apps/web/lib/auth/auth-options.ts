import { prisma } from "@diemcau/db";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getConfig } from "../config";
import { requestClientAddress } from "../security/request-client-address";
import { authorizeCredentials } from "./authorize-credentials";
import type { TSessionUser } from "./session-user";

const SESSION_MAX_AGE_S = 12 * 60 * 60; // one working day

let cached: AuthOptions | undefined;

/** next-auth v4 options, built on first use so `next build` needs no AUTH_SECRET. */
export function getAuthOptions(): AuthOptions {
  cached ??= {
    secret: getConfig().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/dang-nhap", error: "/dang-nhap" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Mật khẩu", type: "password" },
        },
        authorize: (credentials, req) => authorizeCredentials(prisma, credentials, requestClientAddress(req.headers)),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        // `user` is present only right after authorize(); copy the fields the app relies on.
        if (user) {
          // next-auth's own User type marks name/email optional; ours come from authorize() and are set.
          const signedIn = user as unknown as TSessionUser;
          token.user = {
            id: signedIn.id,
            name: signedIn.name,
            email: signedIn.email,
            role: signedIn.role,
            bridgePointId: signedIn.bridgePointId,
            locale: signedIn.locale,
            sessionVersion: signedIn.sessionVersion,
            mustChangePassword: signedIn.mustChangePassword,
            isDemo: signedIn.isDemo,
          };
        }
        return token;
      },
      session({ session, token }) {
        if (token.user) session.user = token.user;
        return session;
      },
    },
  };
  return cached;
}
