import type { NotificationKind } from "@diemcau/db";
import { findParticipantIds, type TParticipantScope } from "@diemcau/calendar/find-participants";
import type { TTx } from "./lock-keys";

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
