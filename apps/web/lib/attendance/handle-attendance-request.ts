import type { Db } from "@diemcau/db";
import { verifyInternalRequest, ZAttendanceBatchSchema } from "@diemcau/protocol";
import { NextResponse } from "next/server";
import { apiError } from "../api/api-error";
import { recordAttendanceReports } from "./record-attendance-reports";

/** A full batch of 500 reports is about 150 kB; anything far larger is not from media-server. */
const MAX_BODY_BYTES = 1_000_000;

/** POST /api/internal/attendance: signed by media-server with MEDIA_SECRET, validated by protocol. */
export async function handleAttendanceRequest(request: Request, db: Db, secret: string): Promise<Response> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return apiError(413, "ATTENDANCE_TOO_LARGE", "Gói báo cáo điểm danh quá lớn.");
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return apiError(413, "ATTENDANCE_TOO_LARGE", "Gói báo cáo điểm danh quá lớn.");
  if (!(await verifyInternalRequest(body, request.headers, secret)))
    return apiError(401, "INTERNAL_SIGNATURE_INVALID", "Chữ ký của yêu cầu nội bộ không hợp lệ hoặc đã hết hạn.");

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return apiError(400, "ATTENDANCE_BAD_JSON", "Nội dung báo cáo điểm danh không phải JSON hợp lệ.");
  }
  const batch = ZAttendanceBatchSchema.safeParse(json);
  if (!batch.success) {
    const first = batch.error.issues[0];
    const where = first ? ` (${first.path.join(".") || "body"}: ${first.message})` : "";
    return apiError(400, "ATTENDANCE_INVALID", `Báo cáo điểm danh không đúng định dạng${where}.`);
  }
  return NextResponse.json(await recordAttendanceReports(db, batch.data));
}
