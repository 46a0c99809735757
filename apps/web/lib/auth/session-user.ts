import type { Role } from "@diemcau/db";

/** What the JWT and the session carry about the signed-in user. */
export interface TSessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  bridgePointId: string | null;
  locale: string;
  /** The account's sessionVersion at sign-in: a newer one in the database ends this session. */
  sessionVersion: number;
  /** A demo account of `npm start` (shared published password): shown as such. */
  isDemo: boolean;
  /** A seeded or administrator-set password: nothing but choosing a new one is allowed. */
  mustChangePassword: boolean;
}
