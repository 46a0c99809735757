import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeS3, type FakeS3 } from "./fake-s3-server";
import { S3Storage } from "./S3Storage";

// Against a FAKE S3 (see fake-s3-server.ts): checks the requests S3Storage builds, not S3 itself.
describe("S3Storage against a fake S3", () => {
  let fake: FakeS3;
  let storage: S3Storage;
  let folder: string;

  beforeAll(async () => {
    fake = await startFakeS3("media", 2);
    storage = new S3Storage({
      bucket: "media",
      endpoint: fake.endpoint,
      region: "us-east-1",
      accessKeyId: "test",
      secretAccessKey: "test-secret",
      keyPrefix: "diemcau",
    });
    folder = await mkdtemp(join(tmpdir(), "diemcau-s3-"));
  });
  afterAll(async () => {
    await fake?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it("puts files, streams and buffers under the key prefix with a content type and a signature", async () => {
    const file = join(folder, "v.mp4");
    await writeFile(file, "0123456789");
    await storage.put("recordings/r1/download.mp4", { file });
    await storage.put("recordings/r1/hls/master.m3u8", Readable.from(["#EXTM3U\n"]));
    await storage.put("recordings/r1/chat.json", Buffer.from("[]"));

    expect(fake.objects.get("diemcau/recordings/r1/download.mp4")).toMatchObject({ contentType: "video/mp4" });
    expect(fake.objects.get("diemcau/recordings/r1/hls/master.m3u8")?.contentType).toBe("application/vnd.apple.mpegurl");
    const put = fake.requests.find((r) => r.method === "PUT");
    expect(put?.path.split("?")[0]).toBe("/media/diemcau/recordings/r1/download.mp4");
    expect(put?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test\//);
    expect(put?.headers["content-length"]).toBe("10");
    // No aws-chunked uploads: S3-compatible servers often reject them.
    expect(put?.headers["content-encoding"]).toBeUndefined();
  });

  it("reads whole objects and byte ranges, and stats keys", async () => {
    expect(await text(await storage.getStream("recordings/r1/download.mp4"))).toBe("0123456789");
    expect(await text(await storage.getStream("recordings/r1/download.mp4", { start: 2, end: 5 }))).toBe("2345");
    expect(await text(await storage.getStream("recordings/r1/download.mp4", { start: 8 }))).toBe("89");
    expect(fake.requests.at(-1)?.headers.range).toBe("bytes=8-");
    await expect(storage.getStream("recordings/r1/download.mp4", { start: 50 })).rejects.toMatchObject({
      code: "STORAGE_BAD_RANGE",
    });
    await expect(storage.getStream("recordings/none")).rejects.toMatchObject({ code: "STORAGE_NOT_FOUND" });
    expect(await storage.stat("recordings/r1/download.mp4")).toMatchObject({ size: 10 });
    expect(await storage.stat("recordings/r1/none.mp4")).toBeNull();
  });

  it("lists across pages and deletes by prefix", async () => {
    await storage.put("recordings/r2/a.ts", Buffer.from("a"));
    expect(await storage.list("recordings/r1/")).toEqual([
      "recordings/r1/chat.json",
      "recordings/r1/download.mp4",
      "recordings/r1/hls/master.m3u8",
    ]);
    expect(await storage.delete("recordings/r1/")).toBe(3);
    expect(await storage.list("recordings/")).toEqual(["recordings/r2/a.ts"]);
  });

  it("refuses unsafe keys before any request", async () => {
    const before = fake.requests.length;
    await expect(storage.put("../x", Buffer.from("x"))).rejects.toMatchObject({ code: "STORAGE_BAD_KEY" });
    await expect(storage.delete("")).rejects.toMatchObject({ code: "STORAGE_BAD_KEY" });
    expect(fake.requests.length).toBe(before);
  });
});
