import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Db } from "@diemcau/db";
import { recordingKeys, type TRecordingFinalizeJob } from "@diemcau/protocol";
import type { LocalDiskStorage } from "@diemcau/storage";
import { makeSlideVideo, type TSlide } from "./slide-video";

/** The demo seed's teacher, who owns the demo lessons. */
const DEMO_OWNER_EMAIL = "gv.lan@diemcau.local";

interface TDemoLesson {
  /** Fixed, so a second start finds the lesson and makes nothing. */
  id: string;
  title: string;
  subject: string;
  grade: number;
  tags: string[];
  slides: TSlide[];
}

export const DEMO_LESSONS: readonly TDemoLesson[] = [
  {
    id: "demo-lesson-quy-dong-mau-so",
    title: "Toán 6 — Quy đồng mẫu số",
    subject: "Toán",
    grade: 6,
    tags: ["phân số", "mẫu số chung"],
    slides: [
      { lines: ["Bài 3: Quy đồng mẫu số", "Hai phân số 1/2 và 1/3"], narration: ["Chào các em. Hôm nay chúng ta học quy đồng mẫu số.", "Ta có hai phân số một phần hai và một phần ba."] },
      { lines: ["Mẫu số chung: 6", "1/2 = 3/6 và 1/3 = 2/6"], narration: ["Mẫu số chung nhỏ nhất của hai và ba là sáu.", "Một phần hai bằng ba phần sáu, một phần ba bằng hai phần sáu."] },
      { lines: ["Luyện tập", "Quy đồng 3/4 và 5/6"], narration: ["Các em hãy quy đồng mẫu số hai phân số ba phần tư và năm phần sáu."] },
    ],
  },
  {
    id: "demo-lesson-dien-bien-phu",
    title: "Lịch sử 9 — Chiến dịch Điện Biên Phủ 1954",
    subject: "Lịch sử",
    grade: 9,
    tags: ["Điện Biên Phủ", "kháng chiến chống Pháp"],
    slides: [
      { lines: ["Chiến dịch Điện Biên Phủ", "13/3/1954 - 7/5/1954"], narration: ["Bài học hôm nay là chiến dịch Điện Biên Phủ năm một nghìn chín trăm năm mươi tư."] },
      { lines: ["Ý nghĩa lịch sử", "Kết thúc kháng chiến chống Pháp"], narration: ["Chiến thắng Điện Biên Phủ đã kết thúc cuộc kháng chiến chống thực dân Pháp.", "Đây là một mốc son chói lọi của dân tộc."] },
    ],
  },
  {
    id: "demo-lesson-que-huong-quang-tri",
    title: "Địa lí 8 — Quê hương Quảng Trị",
    subject: "Địa lí",
    grade: 8,
    tags: ["Quảng Trị", "địa phương"],
    slides: [
      { lines: ["Quê hương Quảng Trị", "Đông Hà, Vĩnh Linh, Đa Krông"], narration: ["Tỉnh Quảng Trị có thành phố Đông Hà và các huyện như Vĩnh Linh, Hướng Hóa, Đa Krông."] },
      { lines: ["Sông Thạch Hãn", "Chảy qua thị xã Quảng Trị"], narration: ["Sông Thạch Hãn chảy qua thị xã Quảng Trị rồi đổ ra biển Cửa Việt."] },
    ],
  },
];

export interface TDemoLessonsDeps {
  db: Db;
  local: LocalDiskStorage;
  enqueueFinalize: (job: TRecordingFinalizeJob) => Promise<unknown>;
}

/**
 * The demo's lessons, made on this machine at the first start: slides drawn by ffmpeg, the
 * narration spoken by espeak-ng, the narration's text as uploaded captions (UPLOAD lines the
 * player shows and search finds). Each is a published PUBLIC material marked as demo content,
 * and finalized by the worker as an upload is. Lessons that exist already are left alone.
 */
export async function addDemoLessons(deps: TDemoLessonsDeps): Promise<{ added: string[] }> {
  const { db } = deps;
  const owner = await db.user.findUnique({ where: { email: DEMO_OWNER_EMAIL }, select: { id: true } });
  if (!owner) return { added: [] };
  const added: string[] = [];
  for (const lesson of DEMO_LESSONS) {
    if (await db.material.findUnique({ where: { id: lesson.id }, select: { id: true } })) continue;
    const recordingId = `${lesson.id}-rec`;
    const uploadKey = `uploads/${recordingId}/original.mp4`;
    const videoPath = deps.local.localPath(uploadKey);
    await mkdir(dirname(videoPath), { recursive: true });
    const video = await makeSlideVideo(lesson.slides, videoPath);
    await db.$transaction([
      db.recording.upsert({
        where: { id: recordingId },
        update: {},
        create: { id: recordingId, source: "UPLOAD", status: "PROCESSING", storagePrefix: recordingKeys.prefix(recordingId), endedAt: new Date() },
      }),
      db.material.create({
        data: {
          id: lesson.id,
          title: lesson.title,
          description: "Học liệu mẫu, được tạo tự động trên máy chủ: trang chiếu, lời giảng đọc bằng giọng máy (espeak-ng) và phụ đề.",
          subject: lesson.subject,
          grade: lesson.grade,
          tags: lesson.tags,
          visibility: "PUBLIC",
          published: true,
          isDemo: true,
          ownerId: owner.id,
          recordingId,
        },
      }),
      db.transcriptSegment.createMany({ data: video.cues.map((cue) => ({ ...cue, materialId: lesson.id, source: "UPLOAD" as const })) }),
    ]);
    await deps.enqueueFinalize({ recordingId, source: "upload", uploadKey });
    added.push(lesson.title);
  }
  return { added };
}
