import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type Db } from "@diemcau/db";
import { createTestDatabase } from "@diemcau/db/test-database";
import { finalRecordingKeys, recordingKeys } from "@diemcau/protocol";
import { LocalDiskStorage } from "@diemcau/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMp4Valid } from "./download-mp4";
import { isDiskFull } from "./finalize-error";
import { finalizeRecording } from "./finalize-recording";
import { createRecordingFixture } from "./testing/recording-fixture";
import { makeLiveRecording } from "./testing/make-live-recording";

// A real full disk: a tmpfs a little larger than the recording (mounting needs root, as on our machines and CI).
describe("finalize on a disk that fills up", () => {
  let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let mountPoint: string;
  let mounted = false;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createPrismaClient(testDb.url);
    mountPoint = await mkdtemp(join(tmpdir(), "diemcau-full-"));
  });
  afterAll(async () => {
    if (mounted) execFileSync("umount", [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
    await db?.$disconnect();
    await testDb?.drop();
  });

  it("fails with a disk-full error leaving no partial output and the recording intact, then completes once space is freed", async () => {
    const { recordingId } = await createRecordingFixture(db);
    const scratch = await mkdtemp(join(tmpdir(), "diemcau-full-src-"));
    await makeLiveRecording(scratch, { runs: [8], width: 640, height: 360 });
    const liveBytes = Number(execFileSync("du", ["-sb", scratch], { encoding: "utf8" }).split("\t")[0]);
    // Room for the live segments plus a little: the source rendition is hard links, the MP4 does not fit.
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${liveBytes + 256 * 1024}`, "tmpfs", mountPoint]);
    mounted = true;
    const local = new LocalDiskStorage(mountPoint);
    await cp(scratch, local.localPath(recordingKeys.liveDir(recordingId)), { recursive: true });
    await rm(scratch, { recursive: true, force: true });
    const deps = {
      db,
      local,
      media: local,
      databaseUrl: testDb.url,
      enqueueTranscode: () => Promise.reject(new Error("a 360p recording needs no 360p rendition")),
      enqueueIndex: async () => undefined,
    };

    const error = await finalizeRecording(deps, { recordingId }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, "finalize should have run out of space").not.toBeNull();
    expect(isDiskFull(error)).toBe(true);
    // Nothing half-written under a final name: the MP4 does not exist, the live recording is whole.
    expect(await isMp4Valid(local.localPath(finalRecordingKeys.mp4(recordingId)))).toBe(false);
    expect(await readdir(local.localPath(recordingKeys.prefix(recordingId)))).not.toContain("download.mp4");
    expect(await readFile(local.localPath(recordingKeys.livePlaylist(recordingId)), "utf8")).toContain("#EXT-X-ENDLIST");
    // Playable already: the source rendition and master were made before the disk filled.
    expect((await db.recording.findUniqueOrThrow({ where: { id: recordingId } })).status).toBe("READY");

    // What the job handler records after the last try: still playable, with the code staff see.
    await db.recording.update({ where: { id: recordingId }, data: { errorCode: "FINALIZE_DISK_FULL", error: "…" } });

    execFileSync("mount", ["-o", "remount,size=64m", mountPoint]);
    const result = await finalizeRecording(deps, { recordingId });
    expect(Math.abs(result.durationSec - 8)).toBeLessThanOrEqual(1);
    expect(await isMp4Valid(local.localPath(finalRecordingKeys.mp4(recordingId)))).toBe(true);
    const names = await readdir(local.localPath(recordingKeys.prefix(recordingId)));
    expect(names.filter((n) => n.includes(".partial-"))).toEqual([]);
    expect(await db.material.count({ where: { recordingId } })).toBe(1);
    expect(await db.recording.findUniqueOrThrow({ where: { id: recordingId } })).toMatchObject({
      status: "READY",
      errorCode: null,
    });
  });
});
