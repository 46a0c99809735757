import { NextResponse } from "next/server";
import type { TApiError } from "../api/api-error";
import { ScheduleError } from "./schedule-error";

/** The app's error shape, with the form field to highlight and line-by-line details when there are any. */
export interface TScheduleApiError extends TApiError {
  error: TApiError["error"] & { field?: string; details?: string[] };
}

/** Runs a route handler's work; a ScheduleError becomes a typed error response, anything else propagates. */
export async function toApiResponse<T>(work: () => Promise<T>, status = 200): Promise<Response> {
  try {
    return NextResponse.json(await work(), { status });
  } catch (error) {
    if (!(error instanceof ScheduleError)) throw error;
    const body: TScheduleApiError = {
      error: {
        code: error.code,
        message: error.message,
        field: error.field,
        details: error.details.length > 0 ? error.details : undefined,
      },
    };
    return NextResponse.json(body, { status: error.status });
  }
}

/** A JSON body, or a typed refusal when the body is not JSON. */
export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new ScheduleError("INVALID_JSON", "Dữ liệu gửi lên không phải JSON hợp lệ.", 400);
  }
}
