import type { Db } from "@diemcau/db";
import type { LocalDiskStorage, Storage } from "@diemcau/storage";

export type FinalizeDeps = {
  db: Db;
  /** Live segments and the finalizer's work files. */
  local: LocalDiskStorage;
  /** Where final media is served from (the same as `local` unless S3 is configured). */
  media: Storage;
};

/** What every finalize step gets: where the recording's files are and how to report progress. */
export type FinalizeContext = FinalizeDeps & {
  recordingId: string;
  /** Local path of a storage key. */
  path(key: string): string;
  /**
   * Raises Recording.progress (0–100); never lowers it. Writes at most about once a second unless
   * `milestone` (the end of a step), so ffmpeg's frequent reports cost little.
   */
  progress(percent: number, milestone?: boolean): Promise<void>;
};

const PROGRESS_WRITE_INTERVAL_MS = 1000;

export function createFinalizeContext(deps: FinalizeDeps, recordingId: string, startProgress: number): FinalizeContext {
  let reported = startProgress;
  let lastWrite = 0;
  return {
    ...deps,
    recordingId,
    path: (key) => deps.local.localPath(key),
    async progress(percent, milestone = false) {
      const value = Math.max(0, Math.min(100, Math.floor(percent)));
      if (value <= reported) return;
      if (!milestone && Date.now() - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
      reported = value;
      lastWrite = Date.now();
      await deps.db.recording.update({ where: { id: recordingId }, data: { progress: value } });
    },
  };
}
