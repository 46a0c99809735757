import type { Role } from "@diemcau/db";

/** What the JWT and the session carry about the signed-in user. */
export interface TSessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  bridgePointId: string | null;
  locale: string;
}
