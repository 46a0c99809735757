/** Where a transcript line came from (the TranscriptSource enum of the database). */
export type TTranscriptSource = "UPLOAD" | "ASR" | "SLIDE";

/**
 * Which lines are the lesson's speech: captions a teacher uploaded win over the engine's
 * recognition (the two would say the same thing twice). Slides are never speech.
 */
export function spokenSource(sources: Iterable<TTranscriptSource>): TTranscriptSource {
  for (const source of sources) if (source === "UPLOAD") return "UPLOAD";
  return "ASR";
}
