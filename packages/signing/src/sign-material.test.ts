import { createPrivateKey } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type Db } from "@diemcau/db";
import { createTestDatabase } from "@diemcau/db/test-database";
import { servedCaptionsVtt } from "@diemcau/captions";
import { writeVodPlaylist, type HlsSegment } from "@diemcau/protocol";
import { LocalDiskStorage } from "@diemcau/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSigner, type TSigner } from "./load-signer";
import { signatureKeys, ZMaterialManifestSchema } from "./material-manifest";
import { runOpenssl } from "./openssl";
import { signMaterial } from "./sign-material";
import { makeTestPki, type TTestPki } from "./testing/test-pki";
import { verifyMaterial } from "./verify-material";

let db: Db;
let dropDb: () => Promise<void>;
let root: string;
let storage: LocalDiskStorage;
let pki: TTestPki;
let signer: TSigner;

beforeAll(async () => {
  const testDb = await createTestDatabase();
  dropDb = testDb.drop;
  db = createPrismaClient(testDb.url);
  root = await mkdtemp(join(tmpdir(), "diemcau-signing-"));
  storage = new LocalDiskStorage(root);
  pki = await makeTestPki();
  signer = (await loadSigner({ SIGNING_CERT_FILE: pki.certFile, SIGNING_KEY_FILE: pki.keyFile, SIGNING_CA_FILE: pki.caFile, OPENSSL_PATH: "openssl" }))!;
});

afterAll(async () => {
  await db?.$disconnect();
  await dropDb?.();
  if (root) await rm(root, { recursive: true, force: true });
  await pki?.remove();
});

const SEGMENTS: HlsSegment[] = Array.from({ length: 5 }, (_, i) => ({ uri: `seg${i}.ts`, durationSec: 2, discontinuity: false }));

/** A finished material as the finalizer leaves it: master, source rendition (5 × 2 s), MP4, poster, thumbnails, a transcript line. */
async function makeMaterial(name: string) {
  const owner = await db.user.create({ data: { email: `${name}@test.local`, name: "Cô Lan", passwordHash: "-", role: "TEACHER" } });
  const prefix = `recordings/${name}`;
  const recording = await db.recording.create({ data: { status: "READY", storagePrefix: prefix } });
  const material = await db.material.create({ data: { title: "Bài 3: Quy đồng mẫu số", ownerId: owner.id, recordingId: recording.id } });
  await storage.put(`${prefix}/hls/master.m3u8`, Buffer.from("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000,RESOLUTION=1280x720\nsource/index.m3u8\n"));
  await storage.put(`${prefix}/hls/source/index.m3u8`, Buffer.from(writeVodPlaylist(SEGMENTS)));
  for (const [i, segment] of SEGMENTS.entries()) await storage.put(`${prefix}/hls/source/${segment.uri}`, Buffer.from(`segment ${i} of ${name}`));
  await storage.put(`${prefix}/download.mp4`, Buffer.from(`mp4 of ${name}`));
  await storage.put(`${prefix}/poster.jpg`, Buffer.from("poster"));
  await storage.put(`${prefix}/thumbs/thumbnails.vtt`, Buffer.from("WEBVTT\n"));
  await db.transcriptSegment.create({ data: { materialId: material.id, startSec: 3, endSec: 5, text: "Mẫu số chung", source: "UPLOAD" } });
  return { id: material.id, prefix };
}

const verify = (materialId: string, caFile = pki.caFile) => verifyMaterial({ db, storage, caFile, opensslPath: "openssl" }, materialId);

describe("signing a material", () => {
  it("writes a manifest of every served file and a detached CMS signature that openssl cms -verify accepts", async () => {
    const { id } = await makeMaterial("whole");
    expect(await signMaterial({ db, storage, signer }, id)).toEqual({ signed: true, fileCount: 11 });
    const manifestPath = join(root, signatureKeys.manifest(id));
    const signaturePath = join(root, signatureKeys.signature(id));
    const manifest = ZMaterialManifestSchema.parse(JSON.parse(await readFile(manifestPath, "utf8")));
    expect(manifest.files.map((f) => f.path)).toEqual([
      "hls/master.m3u8",
      "hls/source/index.m3u8",
      ...SEGMENTS.map((s) => `hls/source/${s.uri}`),
      "download.mp4",
      "poster.jpg",
      "thumbs/thumbnails.vtt",
      "captions.vtt",
    ]);
    const openssl = await runOpenssl("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", signaturePath, "-content", manifestPath, "-CAfile", pki.caFile, "-purpose", "any", "-out", "/dev/null"]);
    expect(openssl.stderr).toContain("Verification successful");
    expect(openssl.code).toBe(0);
    const signature = await db.materialSignature.findUniqueOrThrow({ where: { materialId: id } });
    expect(signature.signerName).toBe("Sở GD&ĐT Quảng Trị (chứng thư thử nghiệm)");
    const result = await verify(id);
    expect(result).toMatchObject({ status: "VALID", signerName: signature.signerName, fileCount: manifest.files.length });
  });

  it("fails with the segment's path when a segment changed", async () => {
    const { id, prefix } = await makeMaterial("segment");
    await signMaterial({ db, storage, signer }, id);
    await writeFile(join(root, prefix, "hls/source/seg2.ts"), "tampered");
    expect(await verify(id)).toMatchObject({ status: "INVALID", problems: [{ code: "FILE_CHANGED", kind: "segment", path: "hls/source/seg2.ts" }] });
  });

  it("fails naming the MP4 when the download changed", async () => {
    const { id, prefix } = await makeMaterial("mp4");
    await signMaterial({ db, storage, signer }, id);
    await writeFile(join(root, prefix, "download.mp4"), "another video");
    expect(await verify(id)).toMatchObject({ status: "INVALID", problems: [{ code: "FILE_CHANGED", kind: "mp4", path: "download.mp4" }] });
  });

  it("fails as an untrusted certificate when signed by a certificate from another CA, and openssl agrees", async () => {
    const { id } = await makeMaterial("rogue");
    const rogue: TSigner = { ...signer, certificatePem: await readFile(pki.rogueCertFile, "utf8"), key: createPrivateKey(await readFile(pki.rogueKeyFile, "utf8")) };
    await signMaterial({ db, storage, signer: rogue }, id);
    const result = await verify(id);
    expect(result).toMatchObject({ status: "INVALID", problems: [{ code: "CERT_UNTRUSTED", detail: "unable to get local issuer certificate" }] });
    const openssl = await runOpenssl("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", join(root, signatureKeys.signature(id)), "-content", join(root, signatureKeys.manifest(id)), "-CAfile", pki.caFile, "-purpose", "any", "-out", "/dev/null"]);
    expect(openssl.code).not.toBe(0);
  });

  it("fails as a signature mismatch when the manifest itself was edited", async () => {
    const { id } = await makeMaterial("manifest");
    await signMaterial({ db, storage, signer }, id);
    const path = join(root, signatureKeys.manifest(id));
    await writeFile(path, (await readFile(path, "utf8")).replace("Quy đồng", "Rút gọn"));
    expect(await verify(id)).toMatchObject({ status: "INVALID", problems: [{ code: "SIGNATURE_MISMATCH" }] });
  });

  it("signs what is served after a trim, and a trim changed since signing fails until signed again", async () => {
    const { id } = await makeMaterial("trim");
    await db.material.update({ where: { id }, data: { trimStartSec: 4, trimEndSec: 8, downloadTrimStartSec: 4, downloadTrimEndSec: 8 } });
    await signMaterial({ db, storage, signer }, id);
    const manifest = ZMaterialManifestSchema.parse(JSON.parse(await readFile(join(root, signatureKeys.manifest(id)), "utf8")));
    expect(manifest.files.filter((f) => f.kind === "segment").map((f) => f.path)).toEqual(["hls/source/seg2.ts", "hls/source/seg3.ts"]);
    const captions = Buffer.from(servedCaptionsVtt([{ startSec: 3, endSec: 5, text: "Mẫu số chung", source: "UPLOAD" }], { startSec: 4, endSec: 8 }));
    expect(manifest.files.find((f) => f.kind === "captions")?.size).toBe(captions.length);

    await db.material.update({ where: { id }, data: { trimStartSec: 2, downloadTrimStartSec: 2 } });
    const stale = await verify(id);
    expect(stale).toMatchObject({ status: "INVALID" });
    expect(stale.status === "INVALID" && stale.problems).toEqual(
      expect.arrayContaining([
        { code: "FILE_CHANGED", kind: "playlist", path: "hls/source/index.m3u8" },
        { code: "FILE_NOT_SIGNED", kind: "segment", path: "hls/source/seg1.ts" },
        { code: "FILE_CHANGED", kind: "captions", path: "captions.vtt" },
      ]),
    );
    await signMaterial({ db, storage, signer }, id);
    expect(await verify(id)).toMatchObject({ status: "VALID" });
  });

  it("reports a material without a signature as unsigned", async () => {
    const { id } = await makeMaterial("unsigned");
    expect(await verify(id)).toEqual({ status: "UNSIGNED" });
  });
});

describe("loading the signing certificate", () => {
  it("reads a PKCS#12 file, whose signatures openssl verifies", async () => {
    const fromP12 = await loadSigner({ SIGNING_PKCS12_FILE: pki.pkcs12File, SIGNING_PKCS12_PASSWORD: pki.pkcs12Password, SIGNING_CA_FILE: pki.caFile, OPENSSL_PATH: "openssl" });
    expect(fromP12?.name).toBe(signer.name);
    const { id } = await makeMaterial("pkcs12");
    await signMaterial({ db, storage, signer: fromP12! }, id);
    expect(await verify(id)).toMatchObject({ status: "VALID" });
  });

  it("refuses a wrong PKCS#12 password, a key of another certificate and a certificate the CA did not issue", async () => {
    const base = { SIGNING_CA_FILE: pki.caFile, OPENSSL_PATH: "openssl" };
    await expect(loadSigner({ ...base, SIGNING_PKCS12_FILE: pki.pkcs12File, SIGNING_PKCS12_PASSWORD: "wrong" })).rejects.toThrow(/SIGNING_PKCS12_FILE/);
    await expect(loadSigner({ ...base, SIGNING_CERT_FILE: pki.certFile, SIGNING_KEY_FILE: pki.rogueKeyFile })).rejects.toThrow(/khớp/);
    await expect(loadSigner({ ...base, SIGNING_CERT_FILE: pki.rogueCertFile, SIGNING_KEY_FILE: pki.rogueKeyFile })).rejects.toThrow(/SIGNING_CA_FILE/);
  });

  it("is null when no certificate is configured: materials stay unsigned", async () => {
    expect(await loadSigner({ OPENSSL_PATH: "openssl" })).toBeNull();
  });
});
