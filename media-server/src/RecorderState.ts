import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { recordingKeys, ZRecorderStateSchema, type TRecorderState } from "@diemcau/protocol";

/**
 * recorder.json of each recording, and a pointer per room (recorder/active/<roomId>.json) to the
 * recording that is not stopped yet, so a media-server started again after a crash finds what to
 * resume without reading every recording.
 */
export class RecorderStateStore {
  constructor(readonly storageDir: string) {}

  path(key: string): string {
    return join(this.storageDir, key);
  }

  async write(state: TRecorderState): Promise<void> {
    await writeAtomically(this.path(recordingKeys.recorderState(state.recordingId)), JSON.stringify(state, null, 2));
  }

  async read(recordingId: string): Promise<TRecorderState | null> {
    try {
      return ZRecorderStateSchema.parse(JSON.parse(await readFile(this.path(recordingKeys.recorderState(recordingId)), "utf8")));
    } catch {
      return null;
    }
  }

  async markActive(roomId: string, recordingId: string): Promise<void> {
    await writeAtomically(this.#pointer(roomId), JSON.stringify({ recordingId }));
  }

  async clearActive(roomId: string): Promise<void> {
    await rm(this.#pointer(roomId), { force: true });
  }

  /** The unstopped recording of a room, if a previous media-server left one. */
  async pending(roomId: string): Promise<TRecorderState | null> {
    let recordingId: string;
    try {
      recordingId = (JSON.parse(await readFile(this.#pointer(roomId), "utf8")) as { recordingId: string }).recordingId;
    } catch {
      return null;
    }
    const state = await this.read(recordingId);
    return state && !state.stoppedAt && !state.failed && state.roomId === roomId ? state : null;
  }

  /** Every unstopped recording a previous media-server left, whatever the room. */
  async allPending(): Promise<TRecorderState[]> {
    const files = await readdir(join(this.storageDir, "recorder", "active")).catch(() => [] as string[]);
    const states = await Promise.all(
      files.filter((file) => file.endsWith(".json")).map((file) => this.pending(decodeURIComponent(file.slice(0, -".json".length)))),
    );
    return states.filter((state) => state !== null);
  }

  #pointer(roomId: string): string {
    return join(this.storageDir, "recorder", "active", `${encodeURIComponent(roomId)}.json`);
  }
}

/** Write-then-rename: a crash or a full disk never leaves half a file where the old one was. */
export async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}
