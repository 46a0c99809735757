import type { EventWhereInput } from "@diemcau/db";
import type { TTx } from "./lock-keys";

/** Events (one-off or series) that may have an occurrence in [from, to); cancelled ones never count. */
export function activeInRange(from: Date, to: Date): EventWhereInput {
  return {
    status: { not: "CANCELLED" },
    startsAt: { lt: to },
    OR: [
      { rrule: null, endsAt: { gt: from } },
      { rrule: { not: null }, OR: [{ seriesEndsAt: null }, { seriesEndsAt: { gt: from } }] },
    ],
  };
}

const bookedSelect = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  rrule: true,
  timeZone: true,
  bridgePoints: { select: { bridgePointId: true, bridgePoint: { select: { name: true } } } },
} as const;

/** Events in range that already book any of these bridge points. */
export function findBridgePointBookings(tx: TTx, bridgePointIds: string[], from: Date, to: Date) {
  return tx.event.findMany({
    where: { ...activeInRange(from, to), bridgePoints: { some: { bridgePointId: { in: bridgePointIds } } } },
    select: bookedSelect,
  });
}

/** Events in range that a teacher hosts or that belong to a course they teach. */
export function findTeacherBookings(tx: TTx, teacherId: string, from: Date, to: Date) {
  return tx.event.findMany({
    where: { AND: [activeInRange(from, to), { OR: [{ hostId: teacherId }, { course: { teacherId } }] }] },
    select: bookedSelect,
  });
}
