import { NextResponse } from "next/server";

/** The one error shape every route handler answers with: a stable code and a Vietnamese message. */
export interface TApiError {
  error: { code: string; message: string };
}

export function apiError(status: number, code: string, message: string): NextResponse<TApiError> {
  return NextResponse.json({ error: { code, message } }, { status });
}
