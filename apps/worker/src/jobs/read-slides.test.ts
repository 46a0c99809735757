import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeSlideVideo } from "../demo/slide-video";
import { cleanSlideText, parseFrameTimes, readSlides } from "./read-slides";
import { finalizeUploadedVideo } from "./testing/finalize-upload";
import { useJobTestBed } from "./testing/job-test-bed";

describe("readSlides (real ffmpeg scene detection, real tesseract with Vietnamese, real PostgreSQL)", () => {
  const bed = useJobTestBed("diemcau-slides-");

  it("reads each generated Vietnamese slide with the moment it appeared, and reading again replaces the lines", async () => {
    const slides = [
      { lines: ["Bài 3: Quy đồng mẫu số", "Hai phân số 1/2 và 1/3"], durationSec: 4 },
      { lines: ["Mẫu số chung: 6", "1/2 = 3/6 và 1/3 = 2/6"], durationSec: 5 },
      { lines: ["Luyện tập: Điện Biên, Đa Krông"], durationSec: 3 },
    ];
    const video = await makeSlideVideo(slides, join(bed.root, "slides.mp4"));
    const { materialId } = await finalizeUploadedVideo(bed, join(bed.root, "slides.mp4"));

    const result = await readSlides(bed.files(), { materialId });
    expect(result?.slides).toBe(3);
    const rows = await bed.db.transcriptSegment.findMany({ where: { materialId, source: "SLIDE" }, orderBy: { startSec: "asc" } });
    expect(rows.map((row) => row.text)).toEqual(slides.map((slide) => slide.lines.join("\n")));
    // Within a quarter second: the remux into HLS and the playlist's timeline shift frames by a few hundredths.
    rows.forEach((row, index) => {
      expect(Math.abs(row.startSec - video.slideStarts[index]!)).toBeLessThan(0.25);
      expect(row.endSec).toBe(rows[index + 1]?.startSec ?? row.endSec);
    });
    expect(rows.at(-1)!.endSec).toBeGreaterThan(video.durationSec - 1);

    await readSlides(bed.files(), { materialId });
    expect(await bed.db.transcriptSegment.count({ where: { materialId, source: "SLIDE" } })).toBe(3);
    // Search sees a slide's words without diacritics, at the slide's time.
    const hits = await bed.db.$queryRaw<{ startSec: number }[]>`SELECT "startSec" FROM "TranscriptSegment" WHERE "materialId" = ${materialId} AND "searchVector" @@ plainto_tsquery('simple', 'mau so chung')`;
    expect(hits.map((hit) => hit.startSec)).toEqual([rows[1]!.startSec]);
  });

  it("keeps OCR lines with words and drops stray marks", () => {
    expect(cleanSlideText("  Bài 3:  Quy đồng \n\n | \n — \nMẫu số chung: 6\n")).toBe("Bài 3: Quy đồng\nMẫu số chung: 6");
  });

  it("reads frame times from ffmpeg's metadata print", () => {
    expect(parseFrameTimes("frame:0    pts:0       pts_time:0\nlavfi.scene_score=0.03\nframe:1    pts:102400  pts_time:4\n")).toEqual([0, 4]);
  });
});
