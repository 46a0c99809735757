import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalDiskStorage, type Storage } from "@diemcau/storage";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { serveStorageFile } from "../materials/serve-storage-file";
import { LiveSegmentCache } from "./live-segment-cache";

/** Local disk storage that counts the reads reaching the disk. */
function countingStorage(root: string): Storage & { reads: number } {
  const local = new LocalDiskStorage(root);
  const counted = Object.assign(Object.create(local) as LocalDiskStorage, { reads: 0 });
  counted.getStream = (key, range) => {
    counted.reads++;
    return local.getStream(key, range);
  };
  return counted;
}

describe("live segments served from memory", () => {
  let root: string;
  let storage: ReturnType<typeof countingStorage>;
  const key = "recordings/rec-live/live/seg-r1-00003.ts";
  const bytes = Buffer.from(Array.from({ length: 188 * 50 }, (_, i) => i % 251));
  const get = (cache: LiveSegmentCache, headers: Record<string, string> = {}) =>
    serveStorageFile(new Request("http://localhost/seg", { headers }), storage, key, { cacheControl: "private", memory: cache });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "diemcau-live-cache-"));
    storage = countingStorage(root);
    await storage.put(key, bytes);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("reads a segment from disk once however many viewers ask at the same moment", async () => {
    const cache = new LiveSegmentCache();
    const responses = await Promise.all(Array.from({ length: 50 }, () => get(cache)));
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    }
    expect(storage.reads).toBe(1);
    await get(cache);
    expect(storage.reads).toBe(1);
    expect(cache.bytesHeld).toBe(bytes.length);
  });

  it("answers a byte range from the cached copy", async () => {
    const cache = new LiveSegmentCache();
    await get(cache);
    const part = await get(cache, { range: "bytes=188-375" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 188-375/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(188, 376))).toBe(true);
    expect(storage.reads).toBe(1);
  });

  it("reads a file again when it was replaced, and streams files too big to hold", async () => {
    const cache = new LiveSegmentCache(1024 * 1024, 4096);
    const small = "recordings/rec-live/live/index.m3u8";
    await storage.put(small, Buffer.from("#EXTM3U\n"));
    const serve = (k: string) => serveStorageFile(new Request("http://localhost/x"), storage, k, { cacheControl: "no-cache", memory: cache });
    expect(await (await serve(small)).text()).toBe("#EXTM3U\n");
    await writeFile(join(root, small), "#EXTM3U\n#EXT-X-VERSION:3\n");
    await utimes(join(root, small), new Date(), new Date(Date.now() + 5000));
    expect(await (await serve(small)).text()).toBe("#EXTM3U\n#EXT-X-VERSION:3\n");
    expect(storage.reads).toBe(2);

    // Bigger than maxFileBytes: streamed from disk every time, never held.
    const big = await serve(key);
    expect(Buffer.from(await big.arrayBuffer()).equals(bytes)).toBe(true);
    await serve(key);
    expect(storage.reads).toBe(4);
    expect(cache.bytesHeld).toBe("#EXTM3U\n#EXT-X-VERSION:3\n".length + "#EXTM3U\n".length);
  });

  it("keeps no more than its byte budget, dropping the least recently used", async () => {
    const cache = new LiveSegmentCache(bytes.length * 2, bytes.length);
    for (let i = 0; i < 4; i++) await storage.put(`recordings/rec-live/live/seg-r1-0000${i}.ts`, bytes);
    for (let i = 0; i < 4; i++) {
      await serveStorageFile(new Request("http://localhost/x"), storage, `recordings/rec-live/live/seg-r1-0000${i}.ts`, { cacheControl: "private", memory: cache });
    }
    expect(cache.bytesHeld).toBe(bytes.length * 2);
  });
});
