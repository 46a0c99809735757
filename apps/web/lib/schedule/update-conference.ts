import type { Db } from "@diemcau/db";
import { bridgePointLockKey, lockScheduleKeys, SCHEDULE_TX_OPTIONS } from "./lock-keys";
import { notifyParticipants } from "./notify-participants";
import { assertBridgePointsFree, prepareConference } from "./prepare-conference";
import { notFound, AppError } from "../errors/app-error";

/** Changes a conference that has not ended yet and tells everyone it concerned or now concerns. */
export async function updateConference(db: Db, eventId: string, actorId: string, input: unknown, now = new Date()) {
  const current = await db.event.findUnique({ where: { id: eventId }, select: { startsAt: true } });
  if (!current) throw notFound("Hội nghị");
  const conference = await prepareConference(db, input, now, current.startsAt);
  return db.$transaction(async (tx) => {
    await lockScheduleKeys(tx, conference.bridgePointIds.map(bridgePointLockKey));
    const before = await tx.event.findUnique({
      where: { id: eventId },
      select: { kind: true, status: true, endsAt: true, hostId: true, courseId: true, bridgePoints: { select: { bridgePointId: true } } },
    });
    if (!before || before.kind !== "CONFERENCE") throw notFound("Hội nghị");
    if (before.status === "CANCELLED") throw new AppError("EVENT_CANCELLED", "Hội nghị đã bị hủy, không thể sửa.", 409);
    if (before.status === "ENDED" || before.endsAt <= now) {
      throw new AppError("EVENT_ENDED", "Hội nghị đã kết thúc, không thể sửa.", 409);
    }
    await assertBridgePointsFree(tx, conference, eventId);

    const { bridgePointIds, ...fields } = conference;
    await tx.eventBridgePoint.deleteMany({ where: { eventId } });
    const event = await tx.event.update({
      where: { id: eventId },
      data: { ...fields, bridgePoints: { create: bridgePointIds.map((bridgePointId) => ({ bridgePointId })) } },
      select: { id: true, title: true, startsAt: true },
    });
    // Bridge points dropped from the event hear about it too.
    const scopes = [
      { hostId: before.hostId, courseId: before.courseId, bridgePointIds: before.bridgePoints.map((bp) => bp.bridgePointId) },
      { hostId: conference.hostId, courseId: null, bridgePointIds },
    ];
    await notifyParticipants(tx, { scopes, actorId, kind: "EVENT_UPDATED", event });
    return event;
  }, SCHEDULE_TX_OPTIONS);
}
