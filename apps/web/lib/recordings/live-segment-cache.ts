import { buffer } from "node:stream/consumers";
import type { Storage, StorageStat } from "@diemcau/storage";
import { LRUCache } from "lru-cache";

/** The newest few segments of every live recording: at 720p a 2 s segment is about 0.5–1 MB. */
const MAX_BYTES = 96 * 1024 * 1024;
const MAX_FILE_BYTES = 8 * 1024 * 1024;

type TFetchContext = { storage: Storage; key: string };

/**
 * Live files held in memory. Every viewer of a live stream (a training watched by hundreds of
 * schools) polls the same playlist and fetches the same newest segment within a second or two;
 * reading them from disk and streaming them once per viewer made the web app the bottleneck. A
 * segment never changes once the live playlist lists it (the recorder writes it under a temporary
 * name, then renames it); the playlist is replaced whole at each segment and grows each time. The
 * cache key includes the size and modification time, so a replaced file is read afresh, and
 * concurrent misses for the same version share one read.
 */
export class LiveSegmentCache {
  readonly #cache: LRUCache<string, Buffer, TFetchContext>;

  constructor(
    maxBytes = MAX_BYTES,
    readonly maxFileBytes = MAX_FILE_BYTES,
  ) {
    this.#cache = new LRUCache<string, Buffer, TFetchContext>({
      maxSize: maxBytes,
      sizeCalculation: (bytes) => Math.max(1, bytes.byteLength),
      fetchMethod: async (_id, _stale, { context }) => buffer(await context.storage.getStream(context.key)),
    });
  }

  /** The whole file, from memory when a read of this version is cached or under way. */
  async read(storage: Storage, key: string, stat: StorageStat): Promise<Buffer> {
    const id = `${storage.kind}:${key}:${stat.size}:${stat.modifiedAt.getTime()}`;
    const bytes = await this.#cache.fetch(id, { context: { storage, key } });
    if (!bytes) throw new Error(`reading ${key} into memory gave nothing`);
    return bytes;
  }

  get bytesHeld(): number {
    return this.#cache.calculatedSize;
  }
}

export const liveSegmentCache = new LiveSegmentCache();
