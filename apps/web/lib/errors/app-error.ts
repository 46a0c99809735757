/**
 * The one error library code throws for a refusal the user can act on: a stable code (the UI
 * translates it, see lib/errors/use-error-message.ts), a Vietnamese message for API clients and
 * logs, the HTTP status, and optionally the form field, line-by-line details and the values the
 * translated message needs. Route handlers turn it into HTTP once, in lib/api/to-api-response.ts.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly field?: string,
    /** Line-by-line problems, e.g. every bad row of a roster. */
    readonly details: string[] = [],
    /** Values for the translated message, e.g. { line: 3 }. */
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function notFound(what = "Sự kiện", code = "NOT_FOUND"): AppError {
  return new AppError(code, `${what} không tồn tại hoặc đã bị xóa.`, 404);
}

export function forbiddenAction(): AppError {
  return new AppError("FORBIDDEN", "Bạn không có quyền thực hiện thao tác này.", 403);
}
