import { AppError } from "../errors/app-error";

/** Every JSON body the app reads: forms and settings are a few kilobytes. */
export const JSON_MAX_BYTES = 1024 * 1024;

export function bodyTooLarge(maxBytes: number): AppError {
  return new AppError("BODY_TOO_LARGE", `Dữ liệu gửi lên quá lớn (tối đa ${Math.round(maxBytes / 1024)} KB).`, 413, undefined, [], {
    maxKb: Math.round(maxBytes / 1024),
  });
}

/**
 * The body's bytes, never more than `maxBytes` read: refused at once by Content-Length when it is
 * sent, and while streaming when it is not (a chunked body), so no client can make the server
 * hold more than the limit.
 */
export async function readLimitedBody(
  request: Request,
  maxBytes: number,
  tooLarge: () => AppError = () => bodyTooLarge(maxBytes),
): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
