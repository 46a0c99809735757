import { StorageError } from "./storage";

const MAX_KEY_LENGTH = 1024;

/**
 * Accepts "a/b/c.ext" only: no leading "/", no "\", no empty, "." or ".." segments, no control
 * characters. That keeps a key from escaping the storage root on disk and makes it a valid S3 key.
 */
export function assertSafeKey(key: string): void {
  if (!isSafePath(key, false)) throw new StorageError("STORAGE_BAD_KEY", JSON.stringify(key));
}

/** Like a key, but may end with "/" (a folder). Never empty, so no call can list or delete everything. */
export function assertSafePrefix(prefix: string): void {
  if (!isSafePath(prefix, true)) throw new StorageError("STORAGE_BAD_KEY", JSON.stringify(prefix));
}

function isSafePath(value: string, allowTrailingSlash: boolean): boolean {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_KEY_LENGTH) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return false;
  const body = allowTrailingSlash && value.endsWith("/") ? value.slice(0, -1) : value;
  return body.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}
