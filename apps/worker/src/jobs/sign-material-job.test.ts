import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "@diemcau/db";
import { recordingKeys } from "@diemcau/protocol";
import { signatureKeys, verifyMaterial, ZMaterialManifestSchema } from "@diemcau/signing";
import { makeTestPki, type TTestPki } from "@diemcau/signing/testing/test-pki";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkerConfig } from "../config";
import { startWorkerProcess, type WorkerProcess } from "../worker-process";
import { createRecordingFixture } from "./testing/recording-fixture";
import { useJobTestBed } from "./testing/job-test-bed";
import { makeLiveRecording } from "./testing/make-live-recording";

/** Waits for a row the worker writes; the job queue decides when, so this only gives up eventually. */
async function waitFor<T>(read: () => Promise<T | null>, what: string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("the worker signs materials (real queue, ffmpeg, openssl)", () => {
  const bed = useJobTestBed("diemcau-sign-job-");
  let pki: TTestPki;
  let worker: WorkerProcess;

  beforeAll(async () => {
    pki = await makeTestPki();
    worker = await startWorkerProcess(
      loadWorkerConfig({
        DATABASE_URL: bed.databaseUrl,
        STORAGE_DIR: bed.root,
        SIGNING_CERT_FILE: pki.certFile,
        SIGNING_KEY_FILE: pki.keyFile,
        SIGNING_CA_FILE: pki.caFile,
      }),
    );
  });
  afterAll(async () => {
    await worker?.stop();
    await pki?.remove();
  });

  const signedAt = (db: Db, materialId: string) => db.materialSignature.findUnique({ where: { materialId } }).then((s) => s?.signedAt ?? null);
  const manifestOf = async (materialId: string) => ZMaterialManifestSchema.parse(JSON.parse(await readFile(join(bed.root, signatureKeys.manifest(materialId)), "utf8")));
  const verify = (materialId: string) => verifyMaterial({ db: bed.db, storage: bed.local, caFile: pki.caFile, opensslPath: "openssl" }, materialId);

  it("signs a finalized recording, and signs it again when a new trim is cut", async () => {
    const { db, local } = bed;
    const { recordingId } = await createRecordingFixture(db);
    await makeLiveRecording(local.localPath(recordingKeys.liveDir(recordingId)), { runs: [12], width: 320, height: 180 });
    await worker.boss.send("recording.finalize", { recordingId });
    const material = await waitFor(() => db.material.findUnique({ where: { recordingId }, select: { id: true } }), "the material");
    const first = await waitFor(() => signedAt(db, material.id), "the first signature");
    expect(await verify(material.id)).toMatchObject({ status: "VALID", signerName: "Sở GD&ĐT Quảng Trị (chứng thư thử nghiệm)" });
    const whole = await manifestOf(material.id);
    expect(whole.files.filter((f) => f.kind === "segment")).toHaveLength(6);
    expect(whole.files.map((f) => f.kind)).toEqual(expect.arrayContaining(["playlist", "mp4", "poster", "thumbnail"]));

    // A new trim is served at once (playlists rewritten), so the old signature no longer holds…
    await db.material.update({ where: { id: material.id }, data: { trimStartSec: 4, trimEndSec: 8 } });
    expect(await verify(material.id)).toMatchObject({ status: "INVALID" });
    // …until the trim-download job has cut the MP4 and queued the signature again.
    await worker.boss.send("material.trim-download", { materialId: material.id });
    await waitFor(async () => ((await signedAt(db, material.id))! > first ? true : null), "the new signature");
    expect(await verify(material.id)).toMatchObject({ status: "VALID" });
    expect((await manifestOf(material.id)).files.filter((f) => f.kind === "segment")).toHaveLength(2);
  });
});
