import type { Db } from "@diemcau/db";

/** A Prisma interactive-transaction client. */
export type TTx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Serializes bookings that touch the same bridge points or the same teacher: the clash check
 * and the insert run under transaction-scoped advisory locks, so two concurrent requests
 * cannot both see a free slot. Keys are taken in sorted order to avoid deadlocks.
 */
export async function lockScheduleKeys(tx: TTx, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  }
}

export const bridgePointLockKey = (bridgePointId: string) => `schedule:bridge-point:${bridgePointId}`;
export const teacherLockKey = (teacherId: string) => `schedule:teacher:${teacherId}`;

/** Long enough for a year of lessons to be expanded and checked while another booking waits. */
export const SCHEDULE_TX_OPTIONS = { maxWait: 15_000, timeout: 20_000 } as const;
