import { formatEdxmlDate, writeEdxml, type TEdxmlHeader } from "@diemcau/connectors/documents";
import type { Db } from "@diemcau/db";
import { AppError } from "../errors/app-error";
import { formatDate } from "@diemcau/calendar/display-date";
import { localDateKey } from "@diemcau/calendar/time-zone";
import { exportFileName } from "./attendance-table";
import { attendanceXlsx } from "./attendance-xlsx";
import type { TEventAttendance } from "./load-event-attendance";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The attendance of one session as an edXML package for the department's document system: the
 * header from the event and the department (Organization), the XLSX report attached. Left empty
 * for the clerk to fill in the document system, as only it knows them: the number and notation
 * (Code/CodeNumber, Code/CodeNotation, given when the report is registered), the recipients (To)
 * and the signer (SignerInfo/FullName, Position); also From/OrganId while the Organization has none.
 */
export async function attendanceEdxml(db: Db, { event, summary }: TEventAttendance, now = new Date()): Promise<{ fileName: string; body: Buffer }> {
  const organization = await db.organization.findFirst({ orderBy: { createdAt: "asc" }, select: { name: true, organId: true, place: true } });
  if (!organization) throw new AppError("ORGANIZATION_MISSING", "Chưa khai báo đơn vị gửi báo cáo (Sở Giáo dục và Đào tạo).", 409);
  const unit = summary.bridgePoints.length > 0 ? "điểm cầu" : "người";
  const { present, late, absent } = summary.totals;
  const header: TEdxmlHeader = {
    from: { organId: organization.organId ?? undefined, organName: organization.name },
    to: [],
    place: organization.place ?? undefined,
    promulgationDate: formatEdxmlDate(localDateKey(now)),
    typeName: "Báo cáo",
    subject: `Báo cáo điểm danh ${event.title} ngày ${formatDate(summary.window.startsAt)}`,
    content: `Có mặt đúng giờ ${present}, đến muộn ${late}, vắng ${absent} ${unit}. Chi tiết trong tệp đính kèm.`,
  };
  const xlsx = await attendanceXlsx(summary, event.title);
  const body = writeEdxml(header, [
    { name: exportFileName(event.title, summary.window.startsAt, "xlsx"), contentType: XLSX_CONTENT_TYPE, description: "Bảng điểm danh", content: xlsx },
  ]);
  return { fileName: exportFileName(event.title, summary.window.startsAt, "edxml"), body };
}
