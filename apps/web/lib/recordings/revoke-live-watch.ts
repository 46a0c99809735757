import type { Db } from "@diemcau/db";
import { forbiddenAction, notFound } from "../errors/app-error";
import type { TSessionUser } from "../auth/session-user";

/**
 * The event's host (or staff) ends every live-watch link handed out so far: tokens made with an
 * older version stop playing within seconds (live-watch-state.ts). Viewers who may still watch
 * get a new link when they open the watch page again.
 */
export async function revokeLiveWatch(db: Db, eventId: string, actor: Pick<TSessionUser, "id" | "role">): Promise<{ watchVersion: number }> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { hostId: true } });
  if (!event) throw notFound();
  if (event.hostId !== actor.id && actor.role !== "ADMIN" && actor.role !== "STAFF") throw forbiddenAction();
  const updated = await db.event.update({ where: { id: eventId }, data: { liveWatchVersion: { increment: 1 } }, select: { liveWatchVersion: true } });
  return { watchVersion: updated.liveWatchVersion };
}

