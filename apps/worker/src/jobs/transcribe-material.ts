import { mkdir, mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { captionsVtt, ENGINE_BYTES_PER_SAMPLE, ENGINE_SAMPLE_RATE, type TTimedText, type TranscriptionEngine } from "@diemcau/captions";
import { finalRecordingKeys, type TMaterialTranscribeJob, ZMaterialTranscribeJobSchema } from "@diemcau/protocol";
import { probeMedia, runFfmpeg } from "./ffmpeg";
import { createFinalizeContext, type FinalizeDeps } from "./finalize-context";
import { publishOutputs } from "./publish-outputs";
import { withSourceTimeline } from "./source-concat";
import { readSourceRendition } from "./source-rendition";

/** Whisper hears 30-second windows; a chunk of that length is one window, and progress moves per chunk. */
export const TRANSCRIBE_CHUNK_SEC = 30;
const CHUNK_BYTES = TRANSCRIBE_CHUNK_SEC * ENGINE_SAMPLE_RATE * ENGINE_BYTES_PER_SAMPLE;
const PROGRESS_WRITE_INTERVAL_MS = 1000;

export type TranscribeDeps = FinalizeDeps & {
  /** Loads the engine for one job (whisper.cpp with the operator's model); closed when the job ends. */
  createEngine: () => Promise<TranscriptionEngine>;
  /** ISO 639-1 code of the spoken language. */
  language: string;
};

export type TranscribeResult = { lines: number; keptCorrections: number };

function overlaps(a: TTimedText, b: { startSec: number; endSec: number }): boolean {
  return a.startSec < b.endSec && a.endSec > b.startSec;
}

/**
 * The material.transcribe job: the recording's sound, as 16 kHz mono PCM by ffmpeg (raw samples
 * in order, so a sample's position is its time in the sound the player plays), goes to the
 * engine in 30-second chunks (progress on the material page per chunk), and what it recognized
 * replaces the material's earlier recognition (source ASR), except lines a teacher corrected:
 * those stay, and a new line over the same moment is dropped rather than said twice. Nothing is
 * written when the engine heard nothing. The engine's WebVTT is kept beside the media.
 */
export async function transcribeMaterial(deps: TranscribeDeps, payload: TMaterialTranscribeJob): Promise<TranscribeResult | null> {
  const { materialId } = ZMaterialTranscribeJobSchema.parse(payload);
  const { db } = deps;
  const material = await db.material.findUnique({ where: { id: materialId }, select: { recordingId: true } });
  if (!material?.recordingId) return null;
  const recordingId = material.recordingId;
  const ctx = createFinalizeContext(deps, recordingId, 100);
  const source = await readSourceRendition(ctx);
  if (!source) throw new Error(`recording ${recordingId} has no finalized source rendition to transcribe`);
  await db.material.update({ where: { id: materialId }, data: { transcriptionStatus: "RUNNING", transcriptionProgress: 0, transcriptionError: null } });

  const folder = await mkdtemp(join(tmpdir(), "diemcau-transcribe-"));
  const recognized: TTimedText[] = [];
  try {
    const hasAudio = (await probeMedia(ctx.path(finalRecordingKeys.sourcePlaylist(recordingId)))).audio !== null;
    if (hasAudio) {
      const pcmPath = join(folder, "audio-16k.pcm");
      await withSourceTimeline(ctx, source, (input) => runFfmpeg(["-v", "error", "-y", ...input, "-map", "0:a:0", "-ac", "1", "-ar", String(ENGINE_SAMPLE_RATE), "-f", "s16le", pcmPath]), { listName: "transcribe" });
      recognized.push(...(await recognizeChunks(deps, materialId, pcmPath)));
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }

  const kept = await db.$transaction(async (tx) => {
    const corrected = await tx.transcriptSegment.findMany({ where: { materialId, source: "ASR", editedAt: { not: null } }, select: { startSec: true, endSec: true } });
    await tx.transcriptSegment.deleteMany({ where: { materialId, source: "ASR", editedAt: null } });
    const fresh = recognized.filter((line) => !corrected.some((c) => overlaps(line, c)));
    await tx.transcriptSegment.createMany({ data: fresh.map((line) => ({ ...line, materialId, source: "ASR" as const })) });
    await tx.material.update({ where: { id: materialId }, data: { transcriptionStatus: "DONE", transcriptionProgress: 100 } });
    return corrected.length;
  });

  const lines = await db.transcriptSegment.findMany({ where: { materialId, source: "ASR" }, orderBy: { startSec: "asc" }, select: { startSec: true, endSec: true, text: true } });
  const vttKey = finalRecordingKeys.asrVtt(recordingId);
  await mkdir(dirname(ctx.path(vttKey)), { recursive: true });
  await writeFile(ctx.path(vttKey), captionsVtt(lines));
  await publishOutputs(ctx, [vttKey]);
  return { lines: lines.length, keptCorrections: kept };
}

/** Reads the PCM file one chunk at a time (never whole: an hour is 115 MB) and offsets each chunk's lines to the video's time. */
async function recognizeChunks(deps: TranscribeDeps, materialId: string, pcmPath: string): Promise<TTimedText[]> {
  const file = await open(pcmPath);
  const engine = await deps.createEngine();
  const lines: TTimedText[] = [];
  let lastWrite = 0;
  try {
    const { size } = await file.stat();
    const chunks = Math.ceil(size / CHUNK_BYTES);
    const report = async (done: number) => {
      if (Date.now() - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
      lastWrite = Date.now();
      await deps.db.material.update({ where: { id: materialId }, data: { transcriptionProgress: Math.min(99, Math.floor((100 * done) / chunks)) } });
    };
    for (let index = 0; index < chunks; index++) {
      const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, size - index * CHUNK_BYTES));
      await file.read(buffer, 0, buffer.length, index * CHUNK_BYTES);
      const offset = index * TRANSCRIBE_CHUNK_SEC;
      const heard = await engine.transcribe(buffer, { language: deps.language });
      lines.push(...heard.map((line) => ({ ...line, startSec: line.startSec + offset, endSec: line.endSec + offset })));
      await report(index + 1);
    }
  } finally {
    await engine.close().catch((error: unknown) => console.warn("[worker] the transcription engine did not close:", error));
    await file.close();
  }
  return lines;
}
