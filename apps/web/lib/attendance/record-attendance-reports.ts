import type { Db } from "@diemcau/db";
import type { TAttendanceBatch, TAttendanceBatchResult, TAttendanceReport } from "@diemcau/protocol";

type TJoin = Extract<TAttendanceReport, { type: "join" }>;

/**
 * Stores media-server's joins and leaves as Attendance rows, and its removals of people an invite
 * admitted (MeetingRemoval). Idempotent: a join creates the row of its peer session once, a leave
 * closes it once, a removal is kept once, so a retried batch changes nothing.
 * The room is the event's id (join tokens carry it); the event's roomName is accepted as well.
 */
export async function recordAttendanceReports(db: Db, batch: TAttendanceBatch): Promise<TAttendanceBatchResult> {
  const rooms = [...new Set(batch.reports.map((r) => r.room))];
  const events = await db.event.findMany({
    where: { OR: [{ id: { in: rooms } }, { roomName: { in: rooms } }] },
    select: { id: true, roomName: true },
  });
  const eventIdOf = new Map<string, string>();
  for (const event of events) {
    eventIdOf.set(event.roomName, event.id);
    eventIdOf.set(event.id, event.id);
  }

  const joins = batch.reports.filter((r): r is TJoin => r.type === "join" && eventIdOf.has(r.room));
  // Guests (invite links) carry an id that is no account; their name is kept, the link is not.
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(joins.map((j) => j.userId))] } },
    select: { id: true, bridgePointId: true },
  });
  const userById = new Map(users.map((u) => [u.id, u]));
  const claimedBridgePoints = [...new Set(joins.flatMap((j) => (j.bridgePointId ? [j.bridgePointId] : [])))];
  const knownBridgePoints = new Set(
    (await db.bridgePoint.findMany({ where: { id: { in: claimedBridgePoints } }, select: { id: true } })).map((b) => b.id),
  );

  await db.$transaction(async (tx) => {
    if (joins.length > 0) {
      await tx.attendance.createMany({
        data: joins.map((join) => {
          const user = userById.get(join.userId);
          const bridgePointId = join.bridgePointId && knownBridgePoints.has(join.bridgePointId) ? join.bridgePointId : user?.bridgePointId;
          return {
            eventId: eventIdOf.get(join.room)!,
            peerId: join.peerId,
            userId: user?.id ?? null,
            bridgePointId: bridgePointId ?? null,
            displayName: join.displayName,
            meetingRole: join.role,
            joinedAt: new Date(join.at),
          };
        }),
        skipDuplicates: true,
      });
    }
    for (const leave of batch.reports) {
      if (leave.type !== "leave" || !eventIdOf.has(leave.room)) continue;
      await tx.attendance.updateMany({ where: { peerId: leave.peerId, leftAt: null }, data: { leftAt: new Date(leave.at) } });
    }
    for (const removal of batch.reports) {
      if (removal.type !== "removed" || !eventIdOf.has(removal.room)) continue;
      const eventId = eventIdOf.get(removal.room)!;
      const removedAt = new Date(removal.at);
      await tx.meetingRemoval.createMany({
        data: [{ eventId, userId: removal.userId, inviteId: removal.inviteId, removedAt }],
        skipDuplicates: true,
      });
      // From now on the invite admits only those it admitted before: the removed guest cannot
      // come back with the same link under a new guest id.
      await tx.meetingInvite.updateMany({ where: { id: removal.inviteId, eventId, closedToNewcomersAt: null }, data: { closedToNewcomersAt: removedAt } });
    }
  });

  const unknownRooms = rooms.filter((room) => !eventIdOf.has(room));
  return {
    accepted: batch.reports.filter((r) => eventIdOf.has(r.room)).length,
    unknownRooms,
  };
}
