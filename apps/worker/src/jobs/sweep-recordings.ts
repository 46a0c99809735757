import type { Db } from "@diemcau/db";
import { FINALIZE_FAILURE_MESSAGES, JOB_QUEUES } from "@diemcau/protocol";
import pg from "pg";
import type PgBoss from "pg-boss";
import { fetchActiveRecordings } from "./active-recordings";
import { isFinalizeLocked } from "./finalize-lock";

export type SweepDeps = {
  db: Db;
  boss: PgBoss;
  databaseUrl: string;
  mediaServerUrl: string;
  mediaSecret: string;
  /** STALE_AFTER_MS unless configured shorter (RECORDING_STALE_SECONDS). */
  staleAfterMs?: number;
  /** ORPHAN_GRACE_MS unless a test needs it shorter. */
  orphanGraceMs?: number;
};

/** By default, a recording with no new segment for this long, and not reported active, was cut off by a crash. */
export const STALE_AFTER_MS = 60_000;
/** When media-server cannot be asked, only recordings silent for this long are taken as dead. */
export const STALE_WHEN_UNREACHABLE_MS = 5 * 60_000;
/** A finalize job gets this long to take its lock before an unlocked one counts as orphaned. */
export const ORPHAN_GRACE_MS = 15_000;

/** A material whose download was not cut to its trim, this long after the change, gets its job (again). */
export const UNCUT_DOWNLOAD_AFTER_MS = 60_000;
/** …unless a trim-download job for it was queued this recently (a failing one is not queued every minute). */
const UNCUT_DOWNLOAD_RETRY_MS = 10 * 60_000;

export type SweepResult = { finalized: string[]; orphanedJobs: string[]; uncutDownloads: string[]; mediaServerReachable: boolean };

/**
 * The sweep (every minute unless configured shorter). (1) Recordings still RECORDING whose segments stopped coming and that
 * media-server does not report as active: its recorder died for good, so they are finalized
 * (the finalizer closes the playlist itself). (2) Finalize and transcode jobs still active whose worker died
 * (no session holds their lock): failed now, so pg-boss retries them instead of waiting hours
 * for the job's expiry. (3) Materials whose download MP4 is still not cut to their trim window
 * (the job was never queued, as when the trim changed before the MP4 existed, or it failed):
 * their trim-download job is queued.
 */
export async function sweepRecordings(deps: SweepDeps, now: Date = new Date()): Promise<SweepResult> {
  const active = await fetchActiveRecordings(deps.mediaServerUrl, deps.mediaSecret);
  const silentFor = active ? (deps.staleAfterMs ?? STALE_AFTER_MS) : STALE_WHEN_UNREACHABLE_MS;
  const cutoff = new Date(now.getTime() - silentFor);
  const stale = await deps.db.recording.findMany({
    where: {
      status: "RECORDING",
      OR: [{ lastSegmentAt: { lt: cutoff } }, { lastSegmentAt: null, startedAt: { lt: cutoff } }],
    },
    select: { id: true, lastSegmentAt: true, startedAt: true },
  });
  const finalized: string[] = [];
  for (const recording of stale) {
    if (active?.has(recording.id)) continue;
    // Conditional, so a recording.stopped that web handled meanwhile is not finalized twice.
    const { count } = await deps.db.recording.updateMany({
      where: { id: recording.id, status: "RECORDING" },
      data: { status: "PROCESSING", endedAt: recording.lastSegmentAt ?? recording.startedAt },
    });
    if (count === 0) continue;
    await deps.boss.send(JOB_QUEUES.recordingFinalize.name, { recordingId: recording.id });
    finalized.push(recording.id);
  }
  const orphanedJobs = await failOrphanedFinalizeJobs(deps, now);
  const uncutDownloads = await queueUncutDownloads(deps, now);
  return { finalized, orphanedJobs, uncutDownloads, mediaServerReachable: active !== null };
}

async function failOrphanedFinalizeJobs(deps: SweepDeps, now: Date): Promise<string[]> {
  const client = new pg.Client({ connectionString: deps.databaseUrl, application_name: "diemcau-sweep" });
  await client.connect();
  try {
    // pg-boss 10 keeps jobs in <schema>.job; "active" means a worker fetched it and has not finished.
    const { rows } = await client.query<{ id: string; name: string; recording_id: string | null; last_try: boolean }>(
      `SELECT id, name, data->>'recordingId' AS recording_id, retry_count >= retry_limit AS last_try FROM pgboss.job
        WHERE name = ANY($1) AND state = 'active' AND started_on < $2`,
      [
        [JOB_QUEUES.recordingFinalize.name, JOB_QUEUES.recordingTranscode.name],
        new Date(now.getTime() - (deps.orphanGraceMs ?? ORPHAN_GRACE_MS)),
      ],
    );
    const orphaned: string[] = [];
    for (const row of rows) {
      if (row.recording_id && (await isFinalizeLocked(client, row.recording_id))) continue;
      await deps.boss.fail(row.name, row.id, {
        message: "the worker running this job stopped (no finalize lock held)",
      });
      orphaned.push(row.id);
      // pg-boss will not retry it again, and no handler is left to record the failure.
      // A recording that already plays stays READY; its errorCode tells staff the 360p (or a later step) is missing.
      if (row.last_try && row.recording_id) {
        const failure = { errorCode: "FINALIZE_FAILED", error: FINALIZE_FAILURE_MESSAGES.FINALIZE_FAILED };
        await deps.db.recording.updateMany({ where: { id: row.recording_id, finalizedAt: null, status: "READY" }, data: failure });
        await deps.db.recording.updateMany({
          where: { id: row.recording_id, finalizedAt: null, status: { not: "READY" } },
          data: { status: "FAILED", ...failure },
        });
      }
    }
    return orphaned;
  } finally {
    await client.end();
  }
}

async function queueUncutDownloads(deps: SweepDeps, now: Date): Promise<string[]> {
  const rows = await deps.db.$queryRaw<{ id: string }[]>`
    SELECT m.id FROM "Material" m
     WHERE m."hasMp4"
       AND (m."trimStartSec" IS DISTINCT FROM m."downloadTrimStartSec" OR m."trimEndSec" IS DISTINCT FROM m."downloadTrimEndSec")
       AND m."updatedAt" < ${new Date(now.getTime() - UNCUT_DOWNLOAD_AFTER_MS)}
       AND NOT EXISTS (
         SELECT 1 FROM pgboss.job j
          WHERE j.name = ${JOB_QUEUES.materialTrimDownload.name} AND j.data->>'materialId' = m.id
            AND j.created_on > ${new Date(now.getTime() - UNCUT_DOWNLOAD_RETRY_MS)})`;
  for (const { id } of rows) await deps.boss.send(JOB_QUEUES.materialTrimDownload.name, { materialId: id });
  return rows.map((row) => row.id);
}
