import type { EventWhereInput } from "@diemcau/db";
import type { TTx } from "./lock-keys";
import { overridesSelect } from "@diemcau/calendar/override-select";

/** Events (one-off or series) that may have an occurrence in [from, to), cancelled or not; a lesson moved into it included. */
export function inRange(from: Date, to: Date): EventWhereInput {
  return {
    OR: [
      {
        startsAt: { lt: to },
        OR: [
          { rrule: null, endsAt: { gt: from } },
          { rrule: { not: null }, OR: [{ seriesEndsAt: null }, { seriesEndsAt: { gt: from } }] },
        ],
      },
      { overrides: { some: { cancelled: false, startsAt: { lt: to }, endsAt: { gt: from } } } },
    ],
  };
}

/** As inRange, without cancelled events: those never block a booking. */
export function activeInRange(from: Date, to: Date): EventWhereInput {
  return { ...inRange(from, to), status: { not: "CANCELLED" } };
}

const bookedSelect = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  rrule: true,
  timeZone: true,
  overrides: overridesSelect,
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
