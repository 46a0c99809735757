import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ByteRange, PutSource, Storage, StorageStat } from "./storage";
import { StorageError } from "./storage";
import { assertSafeKey, assertSafePrefix } from "./storage-key";

/** Storage in a folder of the local disk: key "a/b.ts" is the file <root>/a/b.ts. */
export class LocalDiskStorage implements Storage {
  readonly kind = "local" as const;
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  localPath(key: string): string {
    assertSafeKey(key);
    const path = resolve(this.root, ...key.split("/"));
    // The key rules already forbid escaping; this guards against a rule being loosened later.
    if (!path.startsWith(this.root + sep)) throw new StorageError("STORAGE_BAD_KEY", key);
    return path;
  }

  async put(key: string, source: PutSource): Promise<void> {
    const target = this.localPath(key);
    if (!(source instanceof Uint8Array) && !(source instanceof Readable) && resolve(source.file) === target) return;
    await mkdir(dirname(target), { recursive: true });
    // Write beside the target and rename, so a reader never sees half a file.
    const temporary = `${target}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      if (source instanceof Uint8Array) await writeFile(temporary, source);
      else if (source instanceof Readable) await pipeline(source, createWriteStream(temporary));
      else await copyFile(source.file, temporary);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async getStream(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.localPath(key);
    const info = await this.stat(key);
    if (!info) throw new StorageError("STORAGE_NOT_FOUND", key);
    if (range) {
      const end = range.end ?? info.size - 1;
      if (range.start < 0 || range.start > end || end >= info.size) {
        throw new StorageError("STORAGE_BAD_RANGE", `${range.start}-${range.end ?? ""} of ${info.size}`);
      }
      return createReadStream(path, { start: range.start, end });
    }
    return createReadStream(path);
  }

  async stat(key: string): Promise<StorageStat | null> {
    try {
      const info = await stat(this.localPath(key));
      return info.isFile() ? { size: info.size, modifiedAt: info.mtime } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertSafePrefix(prefix);
    // Walk only the deepest folder the prefix names, then filter by the rest of it.
    const folder = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    const start = folder ? join(this.root, ...folder.split("/")) : this.root;
    const keys: string[] = [];
    await walk(start, async (file) => {
      const key = relative(this.root, file).split(sep).join("/");
      if (key.startsWith(prefix) && !key.endsWith(".tmp")) keys.push(key);
    });
    return keys.sort();
  }

  async delete(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    for (const key of keys) await rm(this.localPath(key), { force: true });
    const folders = new Set(keys.map((key) => dirname(this.localPath(key))));
    // Deepest first, so emptied parents go too; rmdir refuses folders that still hold files.
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
      for (let current = folder; current.startsWith(this.root + sep); current = dirname(current)) {
        try {
          await rmdir(current);
        } catch {
          break;
        }
      }
    }
    return keys.length;
  }
}

async function walk(folder: string, onFile: (path: string) => Promise<void>): Promise<void> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === "ENOTDIR") return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await walk(path, onFile);
    else if (entry.isFile()) await onFile(path);
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}
