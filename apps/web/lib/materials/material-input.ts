import { z } from "zod";

/** "mm:ss Title" or "h:mm:ss Title", one chapter a line, as typed in the edit form. */
export function parseChapterLines(text: string): { startSec: number; title: string }[] | { error: string } {
  const chapters: { startSec: number; title: string }[] = [];
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^(?:(\d+):)?(\d{1,2}):(\d{2})\s+(.+)$/.exec(line);
    if (!match) return { error: `Dòng ${index + 1}: cần dạng "mm:ss Tiêu đề".` };
    const [, h, m, s, title] = match;
    chapters.push({ startSec: Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s), title: title!.trim() });
  }
  return chapters;
}

export const ZMaterialUpdateSchema = z
  .object({
    title: z.string().trim().min(1, "Tiêu đề không được để trống.").max(200),
    description: z.string().trim().max(5000).nullable(),
    subject: z.string().trim().max(100).nullable(),
    grade: z.number().int().min(1).max(12).nullable(),
    tags: z.array(z.string().trim().min(1).max(50)).max(30),
    visibility: z.enum(["PUBLIC", "INTERNAL", "ENROLLED"]),
    published: z.boolean(),
    allowDownload: z.boolean(),
    trimStartSec: z.number().nonnegative().nullable(),
    trimEndSec: z.number().positive().nullable(),
    chapters: z.array(z.object({ startSec: z.number().nonnegative(), title: z.string().trim().min(1).max(200) })).max(200),
    /** The timeline version the form was loaded at (chapters and transcript share it). */
    timelineVersion: z.number().int().nonnegative(),
  })
  .refine((m) => m.trimStartSec === null || m.trimEndSec === null || m.trimEndSec > m.trimStartSec, {
    message: "Điểm kết thúc phải sau điểm bắt đầu.",
    path: ["trimEndSec"],
  });
export type TMaterialUpdate = z.infer<typeof ZMaterialUpdateSchema>;
