import type { AppError } from "../errors/app-error";

/** Multipart framing around a file field; the body may exceed the file's limit by this much. */
export const MULTIPART_SLACK_BYTES = 16 * 1024;

/**
 * A multipart form of at most `maxBytes` (framing included), refused with `tooLarge(bytes)` before
 * the body is read when Content-Length says so, and while it streams when it does not (a chunked
 * body), so an oversized upload never sits whole in memory. Null when the body is not a form.
 */
export async function readLimitedForm(req: Request, maxBytes: number, tooLarge: (bytes: number) => AppError): Promise<FormData | null> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(declared);
  if (!req.body) return null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(received);
    }
    chunks.push(value);
  }
  const contentType = req.headers.get("content-type") ?? "";
  return new Response(new Blob(chunks as BlobPart[]), { headers: { "content-type": contentType } }).formData().catch(() => null);
}
