import { NextResponse } from "next/server";
import { AppError } from "../errors/app-error";
import { apiError, type TApiError } from "./api-error";
import { JSON_MAX_BYTES, readLimitedBody } from "./read-limited-body";

/** The app's error shape, with the form field to highlight, line-by-line details and message values. */
export interface TAppApiError extends TApiError {
  error: TApiError["error"] & { field?: string; details?: string[]; params?: Record<string, string | number> };
}

/** An AppError as the HTTP response every route handler answers with. */
export function errorResponse(error: AppError): NextResponse<TAppApiError> {
  if (!error.field && error.details.length === 0 && !error.params) return apiError(error.status, error.code, error.message);
  const body: TAppApiError = {
    error: {
      code: error.code,
      message: error.message,
      field: error.field,
      details: error.details.length > 0 ? error.details : undefined,
      params: error.params,
    },
  };
  return NextResponse.json(body, { status: error.status });
}

/** Runs a handler that builds its own Response (a file, a redirect); an AppError becomes the error response. */
export async function catchAppError(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
}

/** Runs a route handler's work and answers its result as JSON; an AppError becomes the error response. */
export function toApiResponse<T>(work: () => Promise<T>, status = 200): Promise<Response> {
  return catchAppError(async () => NextResponse.json(await work(), { status }));
}

/**
 * A JSON body, or a typed refusal: a body sent as anything but application/json (which a plain
 * HTML form from another site could send without a preflight), or that does not parse.
 */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Dữ liệu phải được gửi dưới dạng JSON (Content-Type: application/json).", 415);
  }
  const body = await readLimitedBody(req, JSON_MAX_BYTES);
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new AppError("INVALID_JSON", "Dữ liệu gửi lên không phải JSON hợp lệ.", 400);
  }
}
