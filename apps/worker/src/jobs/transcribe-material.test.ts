import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readCaptions } from "@diemcau/captions";
import { writeTinyWhisperModel } from "@diemcau/captions/testing/tiny-whisper-model";
import { WhisperEngine } from "@diemcau/captions/whisper";
import { finalRecordingKeys } from "@diemcau/protocol";
import { beforeAll, describe, expect, it } from "vitest";
import { makeSlideVideo } from "../demo/slide-video";
import { finalizeUploadedVideo } from "./testing/finalize-upload";
import { useJobTestBed } from "./testing/job-test-bed";
import { transcribeMaterial, type TranscribeDeps } from "./transcribe-material";

// The real engine path: ffmpeg → 16 kHz PCM → whisper.cpp → segments → rows and WebVTT, with a
// tiny model this test generates (packages/captions). Its weights are random, so THE TEXT IT
// RECOGNIZES IS MEANINGLESS; the test checks where lines go and what survives, never the words.
describe("transcribeMaterial (real ffmpeg, whisper.cpp with a generated tiny model, real PostgreSQL)", () => {
  const bed = useJobTestBed("diemcau-transcribe-");
  let deps: () => TranscribeDeps;
  let materialId: string;
  let recordingId: string;

  beforeAll(async () => {
    const modelPath = await writeTinyWhisperModel(join(bed.root, "tiny-model.bin"));
    deps = () => ({ ...bed.files(), language: "vi", createEngine: () => WhisperEngine.load({ modelPath, threads: 1, timeoutMs: 60_000 }) });
    await makeSlideVideo(
      [
        { lines: ["Bài 3: Quy đồng mẫu số"], narration: ["Hôm nay chúng ta học quy đồng mẫu số.", "Hai phân số một phần hai và một phần ba."] },
        { lines: ["Mẫu số chung: 6"], narration: ["Mẫu số chung là sáu."] },
      ],
      join(bed.root, "lesson.mp4"),
    );
    ({ materialId, recordingId } = await finalizeUploadedVideo(bed, join(bed.root, "lesson.mp4")));
  });

  it("writes ASR lines inside the video's duration, marks the material done and keeps the engine's WebVTT", async () => {
    const result = await transcribeMaterial(deps(), { materialId });
    expect(result?.lines).toBeGreaterThan(0);
    const material = await bed.db.material.findUniqueOrThrow({ where: { id: materialId }, include: { recording: true } });
    expect(material).toMatchObject({ transcriptionStatus: "DONE", transcriptionProgress: 100 });
    const rows = await bed.db.transcriptSegment.findMany({ where: { materialId }, orderBy: { startSec: "asc" } });
    for (const row of rows) {
      expect(row.source).toBe("ASR");
      expect(row.endSec).toBeGreaterThan(row.startSec);
      expect(row.endSec).toBeLessThanOrEqual(material.recording!.durationSec! + 0.1);
    }
    const vtt = await readFile(bed.local.localPath(finalRecordingKeys.asrVtt(recordingId)), "utf8");
    expect(readCaptions(vtt).map((cue) => cue.text)).toEqual(rows.map((row) => row.text));
  });

  it("keeps a teacher's correction when the engine runs again, and replaces only the unedited lines", async () => {
    const before = await bed.db.transcriptSegment.findMany({ where: { materialId, source: "ASR" }, orderBy: { startSec: "asc" } });
    const corrected = before[0]!;
    await bed.db.transcriptSegment.update({ where: { id: corrected.id }, data: { text: "Hôm nay chúng ta học quy đồng mẫu số.", editedAt: new Date() } });

    const result = await transcribeMaterial(deps(), { materialId });
    expect(result?.keptCorrections).toBe(1);
    const after = await bed.db.transcriptSegment.findMany({ where: { materialId, source: "ASR" }, orderBy: { startSec: "asc" } });
    expect(after.find((row) => row.id === corrected.id)).toMatchObject({ text: "Hôm nay chúng ta học quy đồng mẫu số.", startSec: corrected.startSec });
    // The other lines are the new run's rows, and none of them overlaps the corrected moment.
    const others = after.filter((row) => row.id !== corrected.id);
    expect(others.every((row) => !before.some((old) => old.id === row.id))).toBe(true);
    expect(others.every((row) => row.startSec >= corrected.endSec || row.endSec <= corrected.startSec)).toBe(true);
  });
});
