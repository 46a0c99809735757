import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TTimedText } from "@diemcau/captions";
import { probeMedia, runFfmpeg } from "../jobs/ffmpeg";

/** Debian's fonts-dejavu-core: Vietnamese glyphs, and tesseract reads it back exactly. */
export const SLIDE_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
const WIDTH = 1280;
const HEIGHT = 720;
const FRAME_RATE = 25;
/** Silence before the first sentence and after the last one on each slide. */
const LEAD_SEC = 0.4;
const TAIL_SEC = 0.6;

export interface TSlide {
  /** Drawn top to bottom; the first is the slide's title. */
  lines: string[];
  /** Sentences spoken while the slide shows (Debian's espeak-ng, Vietnamese voice); none: a silent slide. */
  narration?: string[];
  /** How long a slide without narration stays. */
  durationSec?: number;
}

export interface TSlideVideo {
  /** Each slide's first moment, in seconds. */
  slideStarts: number[];
  /** Each spoken sentence with its time: the narration's captions. */
  cues: TTimedText[];
  durationSec: number;
}

/** Speaks one sentence into a WAV file with espeak-ng's Vietnamese voice. */
function speak(text: string, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("espeak-ng", ["-v", "vi", "-s", "150", "-w", path, text], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`espeak-ng exited with ${code}: ${err.trim()}`))));
  });
}

/**
 * An MP4 lesson made on this machine: white slides with dark Vietnamese text (ffmpeg drawtext),
 * each with its narration spoken by espeak-ng, and the narration's timings as captions. Used by
 * the demo lessons and by the tests of slide reading and transcription.
 */
export async function makeSlideVideo(slides: TSlide[], outPath: string): Promise<TSlideVideo> {
  const folder = await mkdtemp(join(tmpdir(), "diemcau-slides-video-"));
  try {
    const parts: string[] = [];
    const slideStarts: number[] = [];
    const cues: TTimedText[] = [];
    let at = 0;
    for (const [index, slide] of slides.entries()) {
      const sentences: { path: string; durationSec: number; text: string }[] = [];
      for (const [n, text] of (slide.narration ?? []).entries()) {
        const path = join(folder, `slide-${index}-${n}.wav`);
        await speak(text, path);
        sentences.push({ path, text, durationSec: (await probeMedia(path)).durationSec ?? 0 });
      }
      const spoken = sentences.reduce((sum, sentence) => sum + sentence.durationSec, 0);
      // Whole frames, so the parts' lengths add up to the concatenated video's timeline.
      const durationSec = Math.ceil((sentences.length > 0 ? LEAD_SEC + spoken + TAIL_SEC : (slide.durationSec ?? 4)) * FRAME_RATE) / FRAME_RATE;
      let cueAt = at + LEAD_SEC;
      for (const sentence of sentences) {
        cues.push({ startSec: cueAt, endSec: cueAt + sentence.durationSec, text: sentence.text });
        cueAt += sentence.durationSec;
      }
      slideStarts.push(at);
      parts.push(await slidePart(folder, index, slide.lines, sentences.map((s) => s.path), durationSec));
      at += durationSec;
    }
    const list = join(folder, "parts.txt");
    await writeFile(list, parts.map((part) => `file '${part}'\n`).join(""));
    await runFfmpeg(["-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", list, "-c", "copy", "-movflags", "+faststart", outPath]);
    return { slideStarts, cues, durationSec: at };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** One slide as an MP4 part of exactly its duration (same codecs in every part, so they concatenate). */
async function slidePart(folder: string, index: number, lines: string[], sentences: string[], durationSec: number): Promise<string> {
  const draws: string[] = [];
  for (const [n, line] of lines.entries()) {
    // From a file, so no text needs escaping for the filter graph.
    const textFile = join(folder, `slide-${index}-line-${n}.txt`);
    await writeFile(textFile, line);
    const size = n === 0 ? 56 : 44;
    const y = n === 0 ? 120 : 200 + n * 90;
    draws.push(`drawtext=fontfile=${SLIDE_FONT}:textfile=${textFile}:fontsize=${size}:fontcolor=0x1a1a1a:x=80:y=${y}`);
  }
  const audioInputs = sentences.length > 0 ? sentences.flatMap((path) => ["-i", path]) : ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono"];
  const audioChain =
    sentences.length > 0
      ? `${sentences.map((_, n) => `[${n + 1}:a]`).join("")}concat=n=${sentences.length}:v=0:a=1,adelay=${Math.round(LEAD_SEC * 1000)},aresample=48000,apad[a]`
      : "[1:a]anull[a]";
  const out = join(folder, `part-${index}.mp4`);
  await runFfmpeg([
    "-v", "error", "-y",
    "-f", "lavfi", "-i", `color=c=white:s=${WIDTH}x${HEIGHT}:r=${FRAME_RATE}`,
    ...audioInputs,
    "-filter_complex", `[0:v]${draws.join(",") || "null"},format=yuv420p[v];${audioChain}`,
    "-map", "[v]", "-map", "[a]",
    "-t", durationSec.toFixed(3),
    "-c:v", "libx264", "-preset", "veryfast", "-tune", "stillimage", "-g", String(FRAME_RATE * 2),
    "-c:a", "aac", "-b:a", "64k", "-ac", "1", "-ar", "48000",
    out,
  ]);
  return out;
}
