import type { Db, TranscriptSource } from "@diemcau/db";
import { spokenSource } from "@diemcau/captions";

export interface TTranscriptLine {
  id: string;
  startSec: number;
  endSec: number;
  text: string;
  source: TranscriptSource;
  edited: boolean;
}

export interface TTranscript {
  /** The speech (uploaded captions, or the engine's recognition) in time order. */
  spoken: TTranscriptLine[];
  /** Text read from each slide, at the moment it appeared. */
  slides: TTranscriptLine[];
  timelineVersion: number;
}

export async function loadTranscript(db: Db, materialId: string): Promise<TTranscript> {
  const [rows, material] = await Promise.all([
    db.transcriptSegment.findMany({
      where: { materialId },
      orderBy: [{ startSec: "asc" }, { endSec: "asc" }],
      select: { id: true, startSec: true, endSec: true, text: true, source: true, editedAt: true },
    }),
    db.material.findUniqueOrThrow({ where: { id: materialId }, select: { timelineVersion: true } }),
  ]);
  const speech = spokenSource(rows.map((row) => row.source));
  const lines = rows.map(({ editedAt, ...row }) => ({ ...row, edited: editedAt !== null }));
  return {
    spoken: lines.filter((line) => line.source === speech),
    slides: lines.filter((line) => line.source === "SLIDE"),
    timelineVersion: material.timelineVersion,
  };
}
