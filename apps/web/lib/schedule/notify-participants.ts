import type { NotificationKind } from "@diemcau/db";
import type { TTx } from "./lock-keys";

export interface TParticipantScope {
  hostId: string;
  bridgePointIds: string[];
  courseId: string | null;
}

/** Everyone an event concerns: its host, the room accounts of its bridge points, the students of its class. */
export async function findParticipantIds(tx: TTx, scopes: TParticipantScope[]): Promise<string[]> {
  const bridgePointIds = [...new Set(scopes.flatMap((s) => s.bridgePointIds))];
  const courseIds = [...new Set(scopes.map((s) => s.courseId).filter((id): id is string => id !== null))];
  const [rooms, students] = await Promise.all([
    bridgePointIds.length > 0
      ? tx.user.findMany({ where: { bridgePointId: { in: bridgePointIds } }, select: { id: true } })
      : Promise.resolve([]),
    courseIds.length > 0
      ? tx.enrollment.findMany({ where: { courseId: { in: courseIds } }, select: { userId: true } })
      : Promise.resolve([]),
  ]);
  return [...new Set([...scopes.map((s) => s.hostId), ...rooms.map((r) => r.id), ...students.map((s) => s.userId)])];
}

/** Writes one in-app notice per participant, except the person who made the change. */
export async function notifyParticipants(
  tx: TTx,
  {
    scopes,
    actorId,
    kind,
    event,
  }: { scopes: TParticipantScope[]; actorId: string; kind: NotificationKind; event: { id: string; title: string; startsAt: Date } },
): Promise<number> {
  const userIds = (await findParticipantIds(tx, scopes)).filter((id) => id !== actorId);
  if (userIds.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: userIds.map((userId) => ({ userId, eventId: event.id, kind, title: event.title, startsAt: event.startsAt })),
  });
  return count;
}
