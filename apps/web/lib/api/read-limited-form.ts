import type { AppError } from "../errors/app-error";
import { readLimitedBody } from "./read-limited-body";

/** Multipart framing around a file field; the body may exceed the file's limit by this much. */
export const MULTIPART_SLACK_BYTES = 16 * 1024;

/**
 * A multipart form of at most `maxBytes` (framing included), read by readLimitedBody (refused
 * before or while it streams, chunked or not); null when the body is not a form.
 */
export async function readLimitedForm(req: Request, maxBytes: number, tooLarge: () => AppError): Promise<FormData | null> {
  const body = await readLimitedBody(req, maxBytes, tooLarge);
  return new Response(body, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData().catch(() => null);
}

/** The size a refusal names: the declared length, or (for a chunked body) just over the limit. */
export function declaredOrOver(req: Request, maxBytes: number): number {
  return Number(req.headers.get("content-length")) || maxBytes + 1;
}
