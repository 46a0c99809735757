import type { Db } from "@diemcau/db";
import type { TSessionUser } from "../auth/session-user";
import { canManageEvent } from "./can-manage-event";
import { SCHEDULE_TX_OPTIONS } from "./lock-keys";
import { notifyParticipants } from "./notify-participants";
import { forbiddenAction, notFound, AppError } from "../errors/app-error";

/**
 * Staff cancel any event; a teacher cancels only lessons of their own classes, never a conference
 * they were asked to host (the department scheduled it). Participants are notified.
 */
export async function cancelEvent(db: Db, eventId: string, actor: Pick<TSessionUser, "id" | "role">, now = new Date()) {
  return db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({
      where: { id: eventId },
      select: {
        id: true,
        title: true,
        startsAt: true,
        endsAt: true,
        rrule: true,
        seriesEndsAt: true,
        status: true,
        kind: true,
        hostId: true,
        courseId: true,
        course: { select: { teacherId: true } },
        bridgePoints: { select: { bridgePointId: true } },
      },
    });
    if (!event) throw notFound();
    if (!canManageEvent(event, actor)) throw forbiddenAction();
    if (event.status === "CANCELLED") throw new AppError("EVENT_CANCELLED", "Sự kiện đã bị hủy trước đó.", 409);
    const lastEnd = event.rrule ? event.seriesEndsAt : event.endsAt;
    if (event.status === "ENDED" || (lastEnd && lastEnd <= now)) {
      throw new AppError("EVENT_ENDED", "Sự kiện đã kết thúc, không thể hủy.", 409);
    }
    await tx.event.update({ where: { id: eventId }, data: { status: "CANCELLED" } });
    const scopes = [{ hostId: event.hostId, courseId: event.courseId, bridgePointIds: event.bridgePoints.map((bp) => bp.bridgePointId) }];
    await notifyParticipants(tx, { scopes, actorId: actor.id, kind: "EVENT_CANCELLED", event });
    return { id: event.id };
  }, SCHEDULE_TX_OPTIONS);
}
