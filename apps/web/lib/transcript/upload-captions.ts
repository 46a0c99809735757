import { CaptionsParseError, captionsFormatOf, readCaptions } from "@diemcau/captions";
import type { Db } from "@diemcau/db";
import { readLimitedBody } from "../api/read-limited-body";
import { AppError } from "../errors/app-error";
import { loadMaterialAccess, materialNotFound, type TAccessViewer } from "../materials/material-access";

/** A captions file for an hour of speech is about 100 kB; this leaves room for several hours. */
export const CAPTIONS_MAX_BYTES = 2 * 1024 * 1024;

function tooLarge(): AppError {
  return new AppError("CAPTIONS_TOO_LARGE", "Tệp phụ đề quá lớn (tối đa 2 MB).", 413, "file", [], { max: "2 MB" });
}

/** The request body as UTF-8 text, refused past the limit before and while it is read. */
async function readCaptionsText(request: Request): Promise<string> {
  const body = await readLimitedBody(request, CAPTIONS_MAX_BYTES, tooLarge);
  if (body.byteLength === 0) throw new AppError("CAPTIONS_EMPTY", "Chưa chọn tệp phụ đề.", 400, "file");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    throw new AppError("CAPTIONS_ENCODING", "Tệp phụ đề không phải văn bản UTF-8. Hãy lưu lại với mã hóa UTF-8.", 400, "file");
  }
}

/**
 * POST /api/materials/<id>/captions?filename=…: the body is a WebVTT or SRT file. A file with a
 * problem is refused with its line and nothing changes; otherwise its cues replace the material's
 * earlier uploaded captions (source UPLOAD), which the player shows as its Vietnamese subtitles
 * and search finds. The engine's and the slides' lines stay.
 */
export async function uploadCaptions(db: Db, materialId: string, viewer: TAccessViewer, request: Request): Promise<{ cues: number }> {
  const access = await loadMaterialAccess(db, materialId, viewer);
  if (!access?.canView) throw materialNotFound();
  if (!access.canEdit) throw new AppError("MATERIAL_EDIT_FORBIDDEN", "Chỉ người tạo học liệu và cán bộ Sở được chỉnh sửa học liệu này.", 403);
  const text = await readCaptionsText(request);
  let cues;
  try {
    cues = readCaptions(text, { format: captionsFormatOf(new URL(request.url).searchParams.get("filename")) });
  } catch (error) {
    if (!(error instanceof CaptionsParseError)) throw error;
    throw new AppError("CAPTIONS_INVALID", `Tệp phụ đề có lỗi ở dòng ${error.line}: ${error.reason}`, 400, "file", [], { line: error.line, reason: error.reason });
  }
  if (cues.length === 0) throw new AppError("CAPTIONS_EMPTY", "Tệp phụ đề không có câu thoại nào.", 400, "file");
  await db.$transaction([
    db.transcriptSegment.deleteMany({ where: { materialId, source: "UPLOAD" } }),
    db.transcriptSegment.createMany({ data: cues.map((cue) => ({ ...cue, materialId, source: "UPLOAD" as const })) }),
    db.material.update({ where: { id: materialId }, data: { timelineVersion: { increment: 1 } } }),
  ]);
  return { cues: cues.length };
}
