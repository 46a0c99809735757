import { verifyInternalRequest, type TNonceStore } from "@diemcau/protocol";
import type { z } from "zod";
import { apiError } from "../api/api-error";
import { readLimitedBody } from "../api/read-limited-body";
import { AppError } from "../errors/app-error";

export interface TSignedBatchOptions<S extends z.ZodType> {
  secret: string;
  /** Where accepted nonces are claimed, so a replayed batch is refused. */
  nonces: TNonceStore;
  schema: S;
  maxBytes: number;
  /** Prefix of the error codes, e.g. "ATTENDANCE" → ATTENDANCE_TOO_LARGE, _BAD_JSON, _INVALID. */
  codePrefix: string;
  /** What the batch holds, in Vietnamese, lower case, e.g. "báo cáo điểm danh". */
  noun: string;
}

/**
 * Reads a batch media-server posted to an internal endpoint: size limit, the request signature
 * with MEDIA_SECRET (method, path, body, timestamp, a nonce never seen before), JSON, then the
 * protocol schema. Either the data or the error response to send.
 */
export async function readSignedBatch<S extends z.ZodType>(
  request: Request,
  { secret, nonces, schema, maxBytes, codePrefix, noun }: TSignedBatchOptions<S>,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const fail = (response: Response) => ({ ok: false as const, response });
  const tooLarge = () => fail(apiError(413, `${codePrefix}_TOO_LARGE`, `Gói ${noun} quá lớn.`));
  let body: string;
  try {
    body = new TextDecoder().decode(await readLimitedBody(request, maxBytes));
  } catch (error) {
    if (error instanceof AppError) return tooLarge();
    throw error;
  }
  const { pathname, search } = new URL(request.url);
  const verdict = await verifyInternalRequest({ method: request.method, path: pathname + search, body }, request.headers, secret, nonces);
  if (!verdict.ok && verdict.reason === "REPLAYED")
    return fail(apiError(401, "INTERNAL_REQUEST_REPLAYED", "Yêu cầu nội bộ này đã được nhận trước đó."));
  if (!verdict.ok)
    return fail(apiError(401, "INTERNAL_SIGNATURE_INVALID", "Chữ ký của yêu cầu nội bộ không hợp lệ hoặc đã hết hạn."));

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return fail(apiError(400, `${codePrefix}_BAD_JSON`, `Nội dung ${noun} không phải JSON hợp lệ.`));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? ` (${first.path.join(".") || "body"}: ${first.message})` : "";
    const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
    return fail(apiError(400, `${codePrefix}_INVALID`, `${Noun} không đúng định dạng${where}.`));
  }
  return { ok: true, data: parsed.data };
}
