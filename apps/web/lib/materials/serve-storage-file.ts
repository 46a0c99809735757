import { Readable } from "node:stream";
import { contentTypeFor, type Storage, type StorageStat } from "@diemcau/storage";
import { apiError } from "../api/api-error";
import type { LiveSegmentCache } from "../recordings/live-segment-cache";
import { parseRange } from "./parse-range";

export interface TServeOptions {
  cacheControl: string;
  /** Offer the file as a download with this name. */
  downloadName?: string;
  /** Serve the file from this memory cache (when it is small enough): for files many clients fetch at once. */
  memory?: LiveSegmentCache;
}

/** Answers GET/HEAD for one storage key with Range support (206/416), its content type and caching. */
export async function serveStorageFile(request: Request, storage: Storage, key: string, options: TServeOptions): Promise<Response> {
  const info = await storage.stat(key);
  if (!info) return apiError(404, "MEDIA_NOT_FOUND", "Không tìm thấy tệp phương tiện.");
  const etag = `"${info.size.toString(16)}-${info.modifiedAt.getTime().toString(16)}"`;
  const headers = new Headers({
    "content-type": contentTypeFor(key),
    "accept-ranges": "bytes",
    "cache-control": options.cacheControl,
    etag,
    "last-modified": info.modifiedAt.toUTCString(),
  });
  if (options.downloadName) headers.set("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(options.downloadName)}`);
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });

  // A stale If-Range means the file changed since the client's first part: send all of it.
  const ifRange = request.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? { kind: "full" as const } : parseRange(request.headers.get("range"), info.size);
  if (range.kind === "unsatisfiable") {
    headers.set("content-range", `bytes */${info.size}`);
    return new Response(null, { status: 416, headers });
  }
  const head = request.method === "HEAD";
  if (range.kind === "partial") {
    headers.set("content-range", `bytes ${range.start}-${range.end}/${info.size}`);
    headers.set("content-length", String(range.end - range.start + 1));
    const body = head ? null : await readBody(storage, key, info, options.memory, { start: range.start, end: range.end });
    return new Response(body, { status: 206, headers });
  }
  headers.set("content-length", String(info.size));
  return new Response(head ? null : await readBody(storage, key, info, options.memory), { status: 200, headers });
}

async function readBody(
  storage: Storage,
  key: string,
  info: StorageStat,
  memory: LiveSegmentCache | undefined,
  range?: { start: number; end: number },
): Promise<Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>> {
  if (memory && info.size <= memory.maxFileBytes) {
    const bytes = await memory.read(storage, key, info);
    const part = range ? bytes.subarray(range.start, range.end + 1) : bytes;
    return new Uint8Array(part.buffer as ArrayBuffer, part.byteOffset, part.byteLength);
  }
  return toWeb(await storage.getStream(key, range));
}

function toWeb(stream: Readable): ReadableStream<Uint8Array> {
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
