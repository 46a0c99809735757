import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type TMaterialSlidesJob, ZMaterialSlidesJobSchema } from "@diemcau/protocol";
import { runFfmpeg } from "./ffmpeg";
import { createFinalizeContext, type FinalizeDeps } from "./finalize-context";
import { withSourceTimeline } from "./source-concat";
import { readSourceRendition } from "./source-rendition";

/**
 * ffmpeg's scene score of a change between two text slides on white is only about 0.03 (the
 * common 0.3 misses every one), so anything above 0.01 is a candidate; OCR then drops frames
 * whose text did not change (a moving camera, a cursor).
 */
export const SLIDE_SCENE_THRESHOLD = 0.01;
/** Changes closer than this are one transition (a fade, a build): the picture it settled on is read. */
export const SLIDE_SETTLE_SEC = 1;
/** Frames read at most per recording, so a busy camera video cannot run OCR for hours. */
export const SLIDE_MAX_FRAMES = 400;
/** A slide needs this many letters or digits to count as text (OCR of a photo yields stray marks). */
const MIN_SLIDE_CHARACTERS = 3;

export type TSlide = { startSec: number; text: string };
export type ReadSlidesResult = { slides: number; framesRead: number };

/** Runs `tesseract <image> - -l vie` (Debian's tesseract-ocr with tesseract-ocr-vie) and returns what it read. */
export function ocrImage(path: string, language = "vie"): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("tesseract", [path, "-", "-l", language], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err = (err + chunk).slice(-4000)));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`tesseract exited with ${code}: ${err.trim()}`))));
  });
}

/** OCR output as slide text: its lines trimmed, empty ones and lines of stray marks dropped. */
export function cleanSlideText(raw: string): string {
  return raw
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => (line.match(/[\p{L}\p{N}]/gu) ?? []).length >= 2)
    .join("\n");
}

/** Frame times from ffmpeg's metadata=print file ("frame:3 pts:… pts_time:12.5" lines, in output order). */
export function parseFrameTimes(printed: string): number[] {
  return [...printed.matchAll(/^frame:\s*\d+\s+pts:\s*-?\d+\s+pts_time:([\d.]+)/gm)].map((match) => Number(match[1]));
}

/**
 * The material.slides job: the frames where the picture changes (ffmpeg scene detection, plus
 * the first frame) are read by tesseract in Vietnamese, and each slide whose text differs from
 * the one before becomes a TranscriptSegment of source SLIDE from the moment it appeared until
 * the next, replacing the material's earlier slide lines. Search finds them with their time;
 * the edit page offers each as a chapter titled by its first line.
 */
export async function readSlides(deps: FinalizeDeps, payload: TMaterialSlidesJob): Promise<ReadSlidesResult | null> {
  const { materialId } = ZMaterialSlidesJobSchema.parse(payload);
  const { db } = deps;
  const material = await db.material.findUnique({ where: { id: materialId }, select: { recordingId: true } });
  if (!material?.recordingId) return null;
  const ctx = createFinalizeContext(deps, material.recordingId, 100);
  const source = await readSourceRendition(ctx);
  if (!source) throw new Error(`recording ${material.recordingId} has no finalized source rendition to read slides from`);

  const folder = await mkdtemp(join(tmpdir(), "diemcau-slides-"));
  try {
    const timesFile = join(folder, "times.txt");
    const select = `select='eq(n\\,0)+gt(scene\\,${SLIDE_SCENE_THRESHOLD})',metadata=mode=print:file=${timesFile}`;
    await withSourceTimeline(
      ctx,
      source,
      (input) => runFfmpeg(["-v", "error", "-y", ...input, "-an", "-vf", select, "-fps_mode", "vfr", "-frames:v", String(SLIDE_MAX_FRAMES), join(folder, "frame-%05d.png")]),
      { listName: "slides", extinf: true },
    );
    const times = parseFrameTimes(await readFile(timesFile, "utf8").catch(() => ""));
    const slides: TSlide[] = [];
    for (const group of settledGroups(times)) {
      const text = cleanSlideText(await ocrImage(join(folder, `frame-${String(group.lastIndex + 1).padStart(5, "0")}.png`)));
      if ((text.match(/[\p{L}\p{N}]/gu) ?? []).length < MIN_SLIDE_CHARACTERS) continue;
      if (slides.at(-1)?.text === text) continue;
      slides.push({ startSec: group.startSec, text });
    }
    const segments = slides.map((slide, index) => ({
      materialId,
      source: "SLIDE" as const,
      startSec: slide.startSec,
      endSec: Math.max(slides[index + 1]?.startSec ?? source.durationSec, slide.startSec + 0.001),
      text: slide.text,
    }));
    await db.$transaction([db.transcriptSegment.deleteMany({ where: { materialId, source: "SLIDE" } }), db.transcriptSegment.createMany({ data: segments })]);
    return { slides: segments.length, framesRead: times.length };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Changes within SLIDE_SETTLE_SEC of each other as one: it started at the first, and its last frame shows where it settled. */
function settledGroups(times: number[]): { startSec: number; lastIndex: number }[] {
  const groups: { startSec: number; lastIndex: number; lastSec: number }[] = [];
  times.forEach((time, index) => {
    const current = groups.at(-1);
    if (current && time - current.lastSec < SLIDE_SETTLE_SEC) {
      current.lastIndex = index;
      current.lastSec = time;
    } else groups.push({ startSec: time, lastIndex: index, lastSec: time });
  });
  return groups;
}
