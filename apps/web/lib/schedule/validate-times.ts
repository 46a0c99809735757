import { AppError } from "../errors/app-error";
import { zonedInputToUtc } from "@diemcau/calendar/time-zone";

export interface TValidTimes {
  startsAt: Date;
  endsAt: Date;
}

/**
 * "yyyy-MM-ddTHH:mm" in the department's zone → UTC, refusing reversed or past times. An edit
 * may keep a start that has already passed (`keptStart`), e.g. to fix the title of a live meeting.
 */
export function validateTimes(startInput: string, endInput: string, now: Date, keptStart?: Date): TValidTimes {
  const [startDate = "", startTime = ""] = startInput.split("T");
  const [endDate = "", endTime = ""] = endInput.split("T");
  const startsAt = zonedInputToUtc(startDate, startTime);
  if (!startsAt) throw new AppError("INVALID_START", "Thời gian bắt đầu không phải là ngày giờ hợp lệ.", 400, "startsAt");
  const endsAt = zonedInputToUtc(endDate, endTime);
  if (!endsAt) throw new AppError("INVALID_END", "Thời gian kết thúc không phải là ngày giờ hợp lệ.", 400, "endsAt");
  if (endsAt <= startsAt) {
    throw new AppError("END_BEFORE_START", "Thời gian kết thúc phải sau thời gian bắt đầu.", 400, "endsAt");
  }
  if (startsAt < now && startsAt.getTime() !== keptStart?.getTime()) {
    throw new AppError("START_IN_PAST", "Thời gian bắt đầu đã qua. Vui lòng chọn một thời điểm trong tương lai.", 400, "startsAt");
  }
  if (endsAt.getTime() - startsAt.getTime() > 7 * 86_400_000) {
    throw new AppError("TOO_LONG", "Một sự kiện không được kéo dài quá 7 ngày.", 400, "endsAt");
  }
  return { startsAt, endsAt };
}

export function requireTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) throw new AppError("TITLE_REQUIRED", "Vui lòng nhập tiêu đề.", 400, "title");
  return trimmed;
}
