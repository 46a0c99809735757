import type { Db } from "@diemcau/db";
import { z } from "zod";
import { parseInput } from "../api/parse-input";
import { AppError } from "../errors/app-error";
import { loadMaterialAccess, materialNotFound, type TAccessViewer } from "../materials/material-access";
import { claimTimelineVersion } from "./timeline-version";

export const ZTranscriptCorrectionSchema = z.object({
  /** The timeline version the editor loaded the transcript at. */
  timelineVersion: z.number().int().nonnegative(),
  lines: z
    .array(z.object({ id: z.string().min(1).max(64), text: z.string().trim().min(1, "Dòng phụ đề không được để trống.").max(2000) }))
    .min(1)
    .max(5000),
});
export type TTranscriptCorrection = z.infer<typeof ZTranscriptCorrectionSchema>;

/**
 * PATCH /api/materials/<id>/transcript: a teacher's corrections of transcript lines. Each line
 * is marked edited, so the transcription engine never replaces it, and search follows at once
 * (the line's search vector is a generated column). A save based on an older timeline version
 * is refused with 409.
 */
export async function correctTranscript(db: Db, materialId: string, viewer: TAccessViewer, body: unknown): Promise<{ timelineVersion: number }> {
  const access = await loadMaterialAccess(db, materialId, viewer);
  if (!access?.canView) throw materialNotFound();
  if (!access.canEdit) throw new AppError("MATERIAL_EDIT_FORBIDDEN", "Chỉ người tạo học liệu và cán bộ Sở được chỉnh sửa học liệu này.", 403);
  const { timelineVersion, lines } = parseInput(ZTranscriptCorrectionSchema, body);
  const editedAt = new Date();
  return db.$transaction(async (tx) => {
    const version = await claimTimelineVersion(tx, materialId, timelineVersion);
    for (const line of lines) {
      const { count } = await tx.transcriptSegment.updateMany({ where: { id: line.id, materialId }, data: { text: line.text, editedAt } });
      if (count === 0) throw new AppError("TRANSCRIPT_LINE_NOT_FOUND", "Một dòng phụ đề không còn tồn tại. Hãy tải lại trang.", 409);
    }
    return { timelineVersion: version };
  });
}
