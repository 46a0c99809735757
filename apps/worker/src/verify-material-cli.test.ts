import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeVodPlaylist } from "@diemcau/protocol";
import { loadSigner, signMaterial } from "@diemcau/signing";
import { makeTestPki, type TTestPki } from "@diemcau/signing/testing/test-pki";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecordingFixture } from "./jobs/testing/recording-fixture";
import { useJobTestBed } from "./jobs/testing/job-test-bed";

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

describe("npm run verify-material -- <id>", () => {
  const bed = useJobTestBed("diemcau-verify-cli-");
  let pki: TTestPki;
  beforeAll(async () => {
    pki = await makeTestPki();
  });
  afterAll(() => pki?.remove());

  const run = (materialId: string, caFile: string) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        "npm",
        ["run", "-s", "verify-material", "--", materialId],
        { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: bed.databaseUrl, STORAGE_DIR: bed.root, SIGNING_CA_FILE: caFile } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr }),
      );
    });

  it("says VALID with the signer, then names the segment that changed, and refuses another CA", async () => {
    const { db, local } = bed;
    const { recordingId, teacher } = await createRecordingFixture(db, { status: "READY" });
    const prefix = `recordings/${recordingId}`;
    const segments = [0, 1, 2].map((i) => ({ uri: `seg${i}.ts`, durationSec: 2, discontinuity: false }));
    await local.put(`${prefix}/hls/source/index.m3u8`, Buffer.from(writeVodPlaylist(segments)));
    for (const s of segments) await local.put(`${prefix}/hls/source/${s.uri}`, Buffer.from(`bytes of ${s.uri}`));
    const material = await db.material.create({ data: { title: "Bài 1", ownerId: teacher.id, recordingId } });
    const signer = await loadSigner({ SIGNING_CERT_FILE: pki.certFile, SIGNING_KEY_FILE: pki.keyFile, SIGNING_CA_FILE: pki.caFile, OPENSSL_PATH: "openssl" });
    await signMaterial({ db, storage: local, signer: signer! }, material.id);

    const valid = await run(material.id, pki.caFile);
    expect(valid.out).toContain("HỢP LỆ: 4 tệp");
    expect(valid.out).toContain("Sở GD&ĐT Quảng Trị (chứng thư thử nghiệm)");
    expect(valid.code).toBe(0);

    const otherCa = await run(material.id, join(pki.dir, "rogue-ca.pem"));
    expect(otherCa.out).toContain("không được CA tin cậy xác nhận");
    expect(otherCa.code).toBe(1);

    await writeFile(local.localPath(`${prefix}/hls/source/seg1.ts`)!, "changed");
    const changed = await run(material.id, pki.caFile);
    expect(changed.out).toContain("đoạn video hls/source/seg1.ts đã bị thay đổi sau khi ký");
    expect(changed.code).toBe(1);
  });
});
