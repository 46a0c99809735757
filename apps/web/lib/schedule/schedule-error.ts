/** A refusal the user can act on: a stable code, a Vietnamese message, the HTTP status, the form field. */
export class ScheduleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly field?: string,
    /** Line-by-line problems, e.g. every bad row of a roster. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "ScheduleError";
  }
}

export function notFound(what = "Sự kiện"): ScheduleError {
  return new ScheduleError("NOT_FOUND", `${what} không tồn tại hoặc đã bị xóa.`, 404);
}

export function forbiddenAction(): ScheduleError {
  return new ScheduleError("FORBIDDEN", "Bạn không có quyền thực hiện thao tác này.", 403);
}
