import { AppError } from "../errors/app-error";
import type { TLessonSeriesInput } from "./lesson-series-input";
import { parseWallDate } from "@diemcau/calendar/time-zone";

const MAX_SERIES_DAYS = 400;

/** The weekly-lessons form's days and dates make a series: some weekday, two real dates in order, at most 400 days apart. */
export function checkSeriesDates(data: Pick<TLessonSeriesInput, "firstDate" | "lastDate"> & { weekdays: number[] }): { first: Date; last: Date } {
  if (data.weekdays.length === 0) {
    throw new AppError("WEEKDAYS_REQUIRED", "Vui lòng chọn ít nhất một ngày học trong tuần.", 400, "weekdays");
  }
  const first = parseWallDate(data.firstDate);
  const last = parseWallDate(data.lastDate);
  if (!first) throw new AppError("INVALID_START", "Ngày bắt đầu không phải là ngày hợp lệ.", 400, "firstDate");
  if (!last) throw new AppError("INVALID_END", "Ngày kết thúc không phải là ngày hợp lệ.", 400, "lastDate");
  if (last < first) throw new AppError("END_BEFORE_START", "Ngày kết thúc phải sau ngày bắt đầu.", 400, "lastDate");
  if (last.getTime() - first.getTime() > MAX_SERIES_DAYS * 86_400_000) {
    throw new AppError("RANGE_TOO_LONG", "Một lịch học lặp lại không được dài quá 400 ngày.", 400, "lastDate");
  }
  return { first, last };
}
