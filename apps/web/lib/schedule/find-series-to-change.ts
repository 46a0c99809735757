import type { TSessionUser } from "../auth/session-user";
import { AppError, forbiddenAction, notFound } from "../errors/app-error";
import { canManageEvent } from "./can-manage-event";
import type { TTx } from "./lock-keys";
import { overridesSelect } from "@diemcau/calendar/override-select";

/**
 * A series the actor may change, as changing one lesson or the series from a date needs it;
 * refuses an unknown or cancelled event, someone who does not manage it, and a one-off event.
 */
export async function findSeriesToChange(tx: TTx, eventId: string, actor: Pick<TSessionUser, "id" | "role">, notSeriesMessage: string) {
  const event = await tx.event.findUnique({
    where: { id: eventId },
    select: {
      id: true,
      kind: true,
      title: true,
      description: true,
      status: true,
      startsAt: true,
      endsAt: true,
      rrule: true,
      seriesEndsAt: true,
      timeZone: true,
      record: true,
      hostId: true,
      courseId: true,
      course: { select: { teacherId: true } },
      bridgePoints: { select: { bridgePointId: true } },
      overrides: overridesSelect,
    },
  });
  if (!event) throw notFound();
  if (!canManageEvent(event, actor)) throw forbiddenAction();
  if (event.status === "CANCELLED") throw new AppError("EVENT_CANCELLED", "Sự kiện đã bị hủy trước đó.", 409);
  const { rrule } = event;
  if (!rrule) throw new AppError("NOT_A_SERIES", notSeriesMessage, 400);
  return { ...event, rrule };
}
