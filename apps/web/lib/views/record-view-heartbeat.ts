import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "@diemcau/db";
import { z } from "zod";
import { parseInput } from "../api/parse-input";
import type { TAccessViewer } from "../materials/material-access";
import { localDateKey } from "@diemcau/calendar/time-zone";
import { HEARTBEAT_INTERVAL_SEC, VIEW_COUNTS_AFTER_SEC } from "./view-rules";

// A report credits at most what the wall clock allows since the previous one (plus network slack),
// so a client cannot claim more watching than time that passed.
const SLACK_SEC = 5;

export const ZViewHeartbeatSchema = z.object({
  playedSec: z.number().min(0).max(3600),
});

export interface TViewHeartbeat {
  materialId: string;
  viewer: TAccessViewer | null;
  /** Who an anonymous viewer is, for the day only (hashed with the day's salt, never stored). */
  client: { address: string; userAgent: string };
  body: unknown;
  now?: Date;
}

/**
 * One player heartbeat (issue 13's viewing figures): adds the seconds watched to the viewer's
 * MaterialView of the day, and the first time they reach VIEW_COUNTS_AFTER_SEC counts one view
 * on the material. Signed-in viewers are keyed by their id; anonymous ones by a hash of address
 * and browser salted with the day's random salt, which is deleted the next day.
 */
export async function recordViewHeartbeat(db: Db, heartbeat: TViewHeartbeat): Promise<{ watchedSec: number; counted: boolean }> {
  const { playedSec } = parseInput(ZViewHeartbeatSchema, heartbeat.body);
  const now = heartbeat.now ?? new Date();
  const day = new Date(`${localDateKey(now)}T00:00:00Z`);
  const viewerKey = heartbeat.viewer ? `u:${heartbeat.viewer.id}` : `a:${await anonymousKey(db, day, heartbeat.client)}`;
  const credit = Math.min(playedSec, HEARTBEAT_INTERVAL_SEC + SLACK_SEC);
  return db.$transaction(async (tx) => {
    const [view] = await tx.$queryRaw<{ id: string; watchedSec: number; countedAt: Date | null }[]>`
      INSERT INTO "MaterialView" ("id", "materialId", "day", "viewerKey", "userId", "watchedSec", "firstSeenAt", "lastSeenAt")
      VALUES (${randomBytes(12).toString("hex")}, ${heartbeat.materialId}, ${day}::date, ${viewerKey}, ${heartbeat.viewer?.id ?? null}, ${credit}, ${now}, ${now})
      ON CONFLICT ("materialId", "day", "viewerKey") DO UPDATE SET
        "watchedSec" = "MaterialView"."watchedSec"
          + LEAST(${credit}::float8, GREATEST(0, EXTRACT(EPOCH FROM (${now}::timestamp - "MaterialView"."lastSeenAt")) + ${SLACK_SEC})),
        "lastSeenAt" = ${now}
      RETURNING "id", "watchedSec", "countedAt"`;
    if (!view || view.countedAt || view.watchedSec < VIEW_COUNTS_AFTER_SEC) return { watchedSec: view?.watchedSec ?? 0, counted: false };
    const counted = await tx.materialView.updateMany({ where: { id: view.id, countedAt: null }, data: { countedAt: now } });
    if (counted.count > 0) await tx.material.update({ where: { id: heartbeat.materialId }, data: { viewCount: { increment: 1 } } });
    return { watchedSec: view.watchedSec, counted: counted.count > 0 };
  });
}

async function anonymousKey(db: Db, day: Date, client: { address: string; userAgent: string }): Promise<string> {
  await db.$executeRaw`INSERT INTO "ViewSalt" ("day", "salt") VALUES (${day}::date, ${randomBytes(32).toString("hex")}) ON CONFLICT ("day") DO NOTHING`;
  await db.viewSalt.deleteMany({ where: { day: { lt: day } } });
  const { salt } = await db.viewSalt.findUniqueOrThrow({ where: { day }, select: { salt: true } });
  return createHmac("sha256", salt).update(`${client.address}\n${client.userAgent}`).digest("hex").slice(0, 32);
}

