import { createReadStream } from "node:fs";
import { stat as statFile } from "node:fs/promises";
import { Readable } from "node:stream";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { contentTypeFor } from "./content-type";
import type { ByteRange, PutOptions, PutSource, Storage, StorageStat } from "./storage";
import { StorageError } from "./storage";
import { assertSafeKey, assertSafePrefix } from "./storage-key";

export type S3StorageOptions = {
  bucket: string;
  /** e.g. http://127.0.0.1:9000 for MinIO; omit for AWS itself. */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Folder inside the bucket that every key lives under (no leading or trailing "/"). */
  keyPrefix?: string;
};

/** S3 allows at most 1000 keys per DeleteObjects call. */
const DELETE_BATCH = 1000;

/**
 * Storage in an S3-compatible bucket. Path-style addressing and checksums only where S3 requires
 * them, because MinIO, Ceph and similar servers often lack virtual hosts and aws-chunked uploads.
 */
export class S3Storage implements Storage {
  readonly kind = "s3" as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly keyPrefix: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.keyPrefix = options.keyPrefix ? `${options.keyPrefix.replace(/^\/+|\/+$/g, "")}/` : "";
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: Boolean(options.endpoint),
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  localPath(): null {
    return null;
  }

  async put(key: string, source: PutSource, options: PutOptions = {}): Promise<void> {
    assertSafeKey(key);
    const { body, length } = await toBody(source);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.keyPrefix + key,
        Body: body,
        ContentLength: length,
        ContentType: options.contentType ?? contentTypeFor(key),
      }),
    );
  }

  async getStream(key: string, range?: ByteRange): Promise<Readable> {
    assertSafeKey(key);
    if (range && (range.start < 0 || (range.end !== undefined && range.end < range.start))) {
      throw new StorageError("STORAGE_BAD_RANGE", `${range.start}-${range.end ?? ""}`);
    }
    try {
      const answer = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.keyPrefix + key,
          Range: range ? `bytes=${range.start}-${range.end ?? ""}` : undefined,
        }),
      );
      if (!(answer.Body instanceof Readable)) throw new Error(`S3 GetObject ${key}: no body stream`);
      return answer.Body;
    } catch (error) {
      if (statusOf(error) === 404) throw new StorageError("STORAGE_NOT_FOUND", key);
      if (statusOf(error) === 416) throw new StorageError("STORAGE_BAD_RANGE", `${range?.start}-${range?.end ?? ""}`);
      throw error;
    }
  }

  async stat(key: string): Promise<StorageStat | null> {
    assertSafeKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyPrefix + key }));
      return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    assertSafePrefix(prefix);
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.keyPrefix + prefix, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key.slice(this.keyPrefix.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async delete(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      const answer = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((key) => ({ Key: this.keyPrefix + key })), Quiet: true },
        }),
      );
      if (answer.Errors?.length) {
        const first = answer.Errors[0];
        throw new Error(`S3 DeleteObjects: ${answer.Errors.length} failed, e.g. ${first?.Key}: ${first?.Code}`);
      }
    }
    return keys.length;
  }
}

/**
 * PutObject needs the length up front. Files and buffers know it; a stream of unknown length is
 * read into memory, so large media should be put as { file }.
 */
async function toBody(source: PutSource): Promise<{ body: Readable | Uint8Array; length: number }> {
  if (source instanceof Uint8Array) return { body: source, length: source.byteLength };
  if (source instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of source) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    const buffer = Buffer.concat(chunks);
    return { body: buffer, length: buffer.byteLength };
  }
  const info = await statFile(source.file);
  return { body: createReadStream(source.file), length: info.size };
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode;
  return undefined;
}
