import type { Db } from "@diemcau/db";
import { bridgePointLockKey, lockScheduleKeys, SCHEDULE_TX_OPTIONS } from "./lock-keys";
import { assertBridgePointsFree, prepareConference } from "./prepare-conference";

/** Schedules a conference (hội nghị, tập huấn); refuses a bridge point already booked at that time. */
export async function createConference(db: Db, input: unknown, now = new Date()): Promise<{ id: string }> {
  const conference = await prepareConference(db, input, now);
  return db.$transaction(async (tx) => {
    await lockScheduleKeys(tx, conference.bridgePointIds.map(bridgePointLockKey));
    await assertBridgePointsFree(tx, conference);
    const { bridgePointIds, ...fields } = conference;
    return tx.event.create({
      data: { ...fields, kind: "CONFERENCE", bridgePoints: { create: bridgePointIds.map((bridgePointId) => ({ bridgePointId })) } },
      select: { id: true },
    });
  }, SCHEDULE_TX_OPTIONS);
}
