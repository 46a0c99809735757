import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { attachmentHeader } from "@/lib/attendance/attendance-table";
import { attendanceEdxml } from "@/lib/attendance/attendance-edxml";
import { withRole } from "@/lib/auth/with-role";
import { notFound } from "@/lib/errors/app-error";
import { loadVisibleAttendance, sessionStartParam } from "../load-visible-attendance";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** The attendance report as an edXML package, for staff to send through the document system. */
export const GET = withRole<TContext>(["ADMIN", "STAFF"], async (req: NextRequest, { params, user }) => {
  const attendance = await loadVisibleAttendance(user, (await params).id, sessionStartParam(req.nextUrl.searchParams.get("buoi")));
  if (attendance === "not-found" || attendance === "forbidden") throw notFound();
  const { fileName, body } = await attendanceEdxml(prisma, attendance);
  return new Response(new Uint8Array(body), {
    headers: { "content-type": "application/xml; charset=utf-8", "content-disposition": attachmentHeader(fileName), "cache-control": "no-store" },
  });
});
