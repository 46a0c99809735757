/**
 * Demo content (sign-ins, lessons) exists only in demo mode: off in production and with
 * DIEMCAU_DEMO=0, the same switch as the demo seed of packages/db.
 */
export function isDemoMode(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV !== "production" && env.DIEMCAU_DEMO !== "0";
}
