import type { Readable } from "node:stream";

/** Bytes to store: a file already on local disk (copied or uploaded), a stream or a buffer. */
export type PutSource = { file: string } | Readable | Uint8Array;

/** An inclusive byte range, as in HTTP `Range: bytes=start-end`; `end` defaults to the last byte. */
export type ByteRange = { start: number; end?: number };

export type StorageStat = { size: number; modifiedAt: Date };

export type PutOptions = { contentType?: string };

/**
 * Where media files live, by key ("recordings/<id>/hls/master.m3u8"). Keys use "/" and never
 * contain "." or ".." segments, so one key names the same object on local disk and in S3.
 */
export interface Storage {
  readonly kind: "local" | "s3";
  put(key: string, source: PutSource, options?: PutOptions): Promise<void>;
  /** Throws StorageError STORAGE_NOT_FOUND when the key does not exist. */
  getStream(key: string, range?: ByteRange): Promise<Readable>;
  /** null when the key does not exist. */
  stat(key: string): Promise<StorageStat | null>;
  /** Every key that starts with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Deletes every key that starts with `prefix`; returns how many were deleted. */
  delete(prefix: string): Promise<number>;
  /** The file behind a key on local disk, or null for remote storage. */
  localPath(key: string): string | null;
}

export type StorageErrorCode = "STORAGE_BAD_KEY" | "STORAGE_NOT_FOUND" | "STORAGE_BAD_RANGE";

const MESSAGES_VI: Record<StorageErrorCode, string> = {
  STORAGE_BAD_KEY: "Đường dẫn tệp không hợp lệ.",
  STORAGE_NOT_FOUND: "Không tìm thấy tệp.",
  STORAGE_BAD_RANGE: "Khoảng byte yêu cầu không hợp lệ.",
};

export class StorageError extends Error {
  readonly messageVi: string;
  constructor(
    readonly code: StorageErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "StorageError";
    this.messageVi = MESSAGES_VI[code];
  }
}
