/**
 * Requests between our own processes (media-server → web batches, worker → media-server) are
 * signed with the shared MEDIA_SECRET, which itself never travels. The HMAC-SHA256 covers the
 * method, the path, a timestamp, a random nonce and a hash of the body, so a captured request
 * can be neither changed, sent to another endpoint, replayed within the tolerance window (the
 * receiver claims each nonce once) nor replayed after it (the timestamp is stale by then).
 * WebCrypto only, so the same module runs in Node and in Next's route handlers.
 */

export const INTERNAL_TIMESTAMP_HEADER = "x-diemcau-timestamp";
export const INTERNAL_NONCE_HEADER = "x-diemcau-nonce";
export const INTERNAL_SIGNATURE_HEADER = "x-diemcau-signature";
/** Clock difference tolerated between hosts; a receiver remembers nonces for twice this. */
export const INTERNAL_SIGNATURE_TOLERANCE_SECONDS = 300;
export const INTERNAL_NONCE_MEMORY_MS = 2 * INTERNAL_SIGNATURE_TOLERANCE_SECONDS * 1000;

export type TInternalRequest = {
  method: string;
  /** The path and query the request is sent to, e.g. "/api/internal/attendance". */
  path: string;
  /** The exact body sent; "" for a GET. */
  body: string;
};

/** Remembers the nonces of accepted requests until they can no longer pass the timestamp check. */
export interface TNonceStore {
  /** True the first time a nonce is seen; false for a replay. */
  claim(nonce: string, expiresAt: Date): Promise<boolean>;
}

export type TInternalVerdict =
  | { ok: true }
  | { ok: false; reason: "MISSING" | "STALE" | "BAD_SIGNATURE" | "REPLAYED" };

const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

async function canonical(request: TInternalRequest, timestamp: string, nonce: string): Promise<string> {
  const bodyHash = hex(await crypto.subtle.digest("SHA-256", encoder.encode(request.body)));
  return [request.method.toUpperCase(), request.path, timestamp, nonce, bodyHash].join("\n");
}

/** Headers that authenticate this one request as sent by a holder of the shared secret. */
export async function signInternalRequest(
  request: TInternalRequest,
  secret: string,
  now: number = Date.now(),
): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(now / 1000));
  const nonce = hex(crypto.getRandomValues(new Uint8Array(16)).buffer);
  return {
    [INTERNAL_TIMESTAMP_HEADER]: timestamp,
    [INTERNAL_NONCE_HEADER]: nonce,
    [INTERNAL_SIGNATURE_HEADER]: `sha256=${await hmacHex(secret, await canonical(request, timestamp, nonce))}`,
  };
}

/** Constant-time comparison: the answer must not leak how many leading characters matched. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * Checks the signature, the timestamp and, last, that the nonce was never used: a request that
 * fails the signature never reaches the store, so nobody without the secret can fill it.
 */
export async function verifyInternalRequest(
  request: TInternalRequest,
  headers: { get(name: string): string | null },
  secret: string,
  nonces: TNonceStore,
  now: number = Date.now(),
): Promise<TInternalVerdict> {
  const timestamp = headers.get(INTERNAL_TIMESTAMP_HEADER);
  const nonce = headers.get(INTERNAL_NONCE_HEADER);
  const signature = headers.get(INTERNAL_SIGNATURE_HEADER);
  if (!timestamp || !nonce || !signature || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{32}$/.test(nonce))
    return { ok: false, reason: "MISSING" };
  if (Math.abs(now / 1000 - Number(timestamp)) > INTERNAL_SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "STALE" };
  const expected = `sha256=${await hmacHex(secret, await canonical(request, timestamp, nonce))}`;
  if (!sameText(expected, signature)) return { ok: false, reason: "BAD_SIGNATURE" };
  if (!(await nonces.claim(nonce, new Date(now + INTERNAL_NONCE_MEMORY_MS)))) return { ok: false, reason: "REPLAYED" };
  return { ok: true };
}

/** A nonce store for one process (media-server); web, which may run several, keeps them in the database. */
export class MemoryNonceStore implements TNonceStore {
  readonly #expiries = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.#expiries.size;
  }

  async claim(nonce: string, expiresAt: Date): Promise<boolean> {
    const now = this.now();
    // Entries were inserted in time order, so the expired ones are at the front.
    for (const [seen, expiry] of this.#expiries) {
      if (expiry > now) break;
      this.#expiries.delete(seen);
    }
    if (this.#expiries.has(nonce)) return false;
    this.#expiries.set(nonce, expiresAt.getTime());
    return true;
  }
}
