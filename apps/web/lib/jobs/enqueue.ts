import { DEFAULT_DATABASE_URL } from "@diemcau/db";
import {
  JOB_QUEUES,
  type TMaterialSignJob,
  type TMaterialTrimDownloadJob,
  type TNewsPublishJob,
  type TRecordingFinalizeJob,
  type TScheduleMailJob,
} from "@diemcau/protocol";
import PgBoss from "pg-boss";
import { getConfig } from "../config";

/** What web sends (the worker queues the transcode and schedules the sweep itself). */
interface TJobPayloads {
  "recording.finalize": TRecordingFinalizeJob;
  "material.trim-download": TMaterialTrimDownloadJob;
  "material.sign": TMaterialSignJob;
  "schedule.mail": TScheduleMailJob;
  "news.publish": TNewsPublishJob;
}
export type TQueueName = keyof TJobPayloads;

const bosses = new Map<string, Promise<PgBoss>>();

/**
 * A pg-boss client that only sends: web never supervises or schedules (the worker does), but it
 * may be the first process up, so it may create the schema and the queues.
 */
export function getBoss(connectionString: string = databaseUrl()): Promise<PgBoss> {
  let boss = bosses.get(connectionString);
  if (!boss) {
    boss = startBoss(connectionString);
    bosses.set(connectionString, boss);
    boss.catch(() => bosses.delete(connectionString));
  }
  return boss;
}

async function startBoss(connectionString: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, supervise: false, schedule: false, max: 3 });
  boss.on("error", (error) => console.error("[web] pg-boss:", error));
  await boss.start();
  await ensureQueues(boss);
  return boss;
}

/** Creates the queues with the options from protocol (the worker does the same; first one wins). */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const queue of Object.values(JOB_QUEUES)) {
    if (!(await boss.getQueue(queue.name))) await boss.createQueue(queue.name, { ...queue });
  }
}

/** Sends one job; returns its id. */
export async function enqueueJob<TName extends TQueueName>(name: TName, payload: TJobPayloads[TName], connectionString?: string): Promise<string | null> {
  const boss = await getBoss(connectionString);
  return boss.send(name, payload);
}

/** Stops the clients (tests, shutdown). */
export async function stopBosses(): Promise<void> {
  const all = [...bosses.values()];
  bosses.clear();
  await Promise.all(all.map(async (boss) => (await boss).stop({ graceful: false, wait: true }).catch(() => undefined)));
}

/** The database Prisma uses: the queue lives in the same PostgreSQL (schema "pgboss"). */
function databaseUrl(): string {
  return getConfig().DATABASE_URL ?? DEFAULT_DATABASE_URL;
}
