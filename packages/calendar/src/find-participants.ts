import type { Db } from "@diemcau/db";

export interface TParticipantScope {
  hostId: string;
  bridgePointIds: string[];
  courseId: string | null;
}

/** The client or the interactive transaction that reads who takes part. */
export type TParticipantReader = Pick<Db, "user" | "enrollment">;

/** Everyone an event concerns: its host, the room accounts of its bridge points, the students of its class. */
export async function findParticipantIds(tx: TParticipantReader, scopes: TParticipantScope[]): Promise<string[]> {
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
