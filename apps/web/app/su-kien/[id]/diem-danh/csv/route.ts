import type { NextRequest } from "next/server";
import { attendanceCsv } from "@/lib/attendance/attendance-csv";
import { attachmentHeader, exportFileName } from "@/lib/attendance/attendance-table";
import { withRole } from "@/lib/auth/with-role";
import { apiError } from "@/lib/api/api-error";
import { loadVisibleAttendance, sessionStartParam } from "../load-visible-attendance";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

export const GET = withRole<TContext>(["ADMIN", "STAFF", "TEACHER", "STUDENT", "BRIDGE_POINT"], async (req: NextRequest, { params, user }) => {
  const attendance = await loadVisibleAttendance(user, (await params).id, sessionStartParam(req.nextUrl.searchParams.get("buoi")));
  if (attendance === "not-found") return apiError(404, "EVENT_NOT_FOUND", "Không tìm thấy sự kiện.");
  if (attendance === "forbidden") return apiError(403, "FORBIDDEN", "Chỉ người chủ trì và cán bộ Sở được xem điểm danh.");
  const name = exportFileName(attendance.event.title, attendance.summary.window.startsAt, "csv");
  return new Response(attendanceCsv(attendance.summary), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": attachmentHeader(name), "cache-control": "no-store" },
  });
});
