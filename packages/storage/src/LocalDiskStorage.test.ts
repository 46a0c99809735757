import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "./LocalDiskStorage";

describe("LocalDiskStorage", () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "diemcau-storage-"));
    storage = new LocalDiskStorage(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("stores buffers, streams and files under their keys", async () => {
    await storage.put("recordings/r1/chat.json", Buffer.from("[]"));
    await storage.put("recordings/r1/hls/source/index.m3u8", Readable.from(["#EXTM3U\n", "#EXT-X-ENDLIST\n"]));
    const file = join(root, "outside.bin");
    await writeFile(file, "0123456789");
    await storage.put("recordings/r1/download.mp4", { file });

    expect(await readFile(join(root, "recordings/r1/chat.json"), "utf8")).toBe("[]");
    expect(await text(await storage.getStream("recordings/r1/hls/source/index.m3u8"))).toBe("#EXTM3U\n#EXT-X-ENDLIST\n");
    expect(await storage.stat("recordings/r1/download.mp4")).toMatchObject({ size: 10 });
    expect(await storage.stat("recordings/r1/none.mp4")).toBeNull();
    expect(storage.localPath("recordings/r1/download.mp4")).toBe(join(root, "recordings/r1/download.mp4"));
  });

  it("reads byte ranges (inclusive end, open end) and refuses ranges past the end", async () => {
    await storage.put("a/b.bin", Buffer.from("0123456789"));
    expect(await text(await storage.getStream("a/b.bin", { start: 2, end: 5 }))).toBe("2345");
    expect(await text(await storage.getStream("a/b.bin", { start: 7 }))).toBe("789");
    expect(await text(await storage.getStream("a/b.bin", { start: 9, end: 9 }))).toBe("9");
    await expect(storage.getStream("a/b.bin", { start: 10 })).rejects.toMatchObject({ code: "STORAGE_BAD_RANGE" });
    await expect(storage.getStream("a/b.bin", { start: 5, end: 3 })).rejects.toMatchObject({ code: "STORAGE_BAD_RANGE" });
    await expect(storage.getStream("a/none.bin")).rejects.toMatchObject({ code: "STORAGE_NOT_FOUND" });
  });

  it("refuses keys that could leave the storage folder", async () => {
    for (const key of ["../etc/passwd", "/etc/passwd", "a/../../b", "a/./b", "a//b", "a\\..\\b", "", "a/\u0000b"]) {
      await expect(storage.put(key, Buffer.from("x")), key).rejects.toMatchObject({ code: "STORAGE_BAD_KEY" });
      expect(() => storage.localPath(key), key).toThrow(/STORAGE_BAD_KEY/);
    }
    await expect(storage.list("")).rejects.toMatchObject({ code: "STORAGE_BAD_KEY" });
    await expect(storage.delete("../")).rejects.toMatchObject({ code: "STORAGE_BAD_KEY" });
  });

  it("lists and deletes by prefix, removing emptied folders only", async () => {
    for (const key of ["rec/a/x.ts", "rec/a/hls/y.ts", "rec/ab/z.ts", "rec/b/w.ts"]) {
      await storage.put(key, Buffer.from(key));
    }
    expect(await storage.list("rec/a/")).toEqual(["rec/a/hls/y.ts", "rec/a/x.ts"]);
    expect(await storage.list("rec/a")).toEqual(["rec/a/hls/y.ts", "rec/a/x.ts", "rec/ab/z.ts"]);
    expect(await storage.list("nothing/")).toEqual([]);

    expect(await storage.delete("rec/a/")).toBe(2);
    expect(await storage.list("rec/")).toEqual(["rec/ab/z.ts", "rec/b/w.ts"]);
    await expect(readFile(join(root, "rec/a/hls/y.ts"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await storage.stat("rec/ab/z.ts")).not.toBeNull();
  });

  it("replaces a file atomically: a reader sees the old or the new content, never a mix", async () => {
    await storage.put("k/v.txt", Buffer.from("old"));
    await storage.put("k/v.txt", Buffer.from("new!"));
    expect(await text(await storage.getStream("k/v.txt"))).toBe("new!");
    expect(await storage.list("k/")).toEqual(["k/v.txt"]);
  });
});
