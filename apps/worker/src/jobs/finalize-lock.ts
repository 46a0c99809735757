import pg from "pg";

/**
 * One finalize per recording at a time, across every worker process: a session advisory lock on
 * a connection of its own. PostgreSQL releases it when the process dies, which is how the sweep
 * tells a running finalize from one whose worker was killed.
 */
const LOCK_CLASS = 0x52_45_43; // "REC"

export async function acquireFinalizeLock(databaseUrl: string, recordingId: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "diemcau-finalize" });
  await client.connect();
  try {
    // Waits while another finalize of the same recording runs; it will then find every step done.
    await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [LOCK_CLASS, recordingId]);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return async () => {
    await client.end().catch(() => undefined);
  };
}

/** True when some live session holds the finalize lock of `recordingId`. */
export async function isFinalizeLocked(client: pg.ClientBase, recordingId: string): Promise<boolean> {
  const { rows } = await client.query<{ free: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS free", [
    LOCK_CLASS,
    recordingId,
  ]);
  if (rows[0]?.free) {
    await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_CLASS, recordingId]);
    return false;
  }
  return true;
}
