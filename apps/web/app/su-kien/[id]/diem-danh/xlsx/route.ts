import type { NextRequest } from "next/server";
import { attachmentHeader, exportFileName } from "@/lib/attendance/attendance-table";
import { attendanceXlsx } from "@/lib/attendance/attendance-xlsx";
import { withRole } from "@/lib/auth/with-role";
import { apiError } from "@/lib/api/api-error";
import { loadVisibleAttendance, sessionStartParam } from "../load-visible-attendance";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

export const GET = withRole<TContext>(["ADMIN", "STAFF", "TEACHER", "STUDENT", "BRIDGE_POINT"], async (req: NextRequest, { params, user }) => {
  const attendance = await loadVisibleAttendance(user, (await params).id, sessionStartParam(req.nextUrl.searchParams.get("buoi")));
  if (attendance === "not-found") return apiError(404, "EVENT_NOT_FOUND", "Không tìm thấy sự kiện.");
  if (attendance === "forbidden") return apiError(403, "FORBIDDEN", "Chỉ người chủ trì và cán bộ Sở được xem điểm danh.");
  const name = exportFileName(attendance.event.title, attendance.summary.window.startsAt, "xlsx");
  const body = await attendanceXlsx(attendance.summary, attendance.event.title);
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": attachmentHeader(name),
      "cache-control": "no-store",
    },
  });
});
