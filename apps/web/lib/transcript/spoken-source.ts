import type { TranscriptSource } from "@diemcau/db";

/**
 * Which lines are the lesson's speech: captions a teacher uploaded win over the engine's
 * recognition (the two would say the same thing twice). Slides are never speech.
 */
export function spokenSource(sources: Iterable<TranscriptSource>): TranscriptSource {
  for (const source of sources) if (source === "UPLOAD") return "UPLOAD";
  return "ASR";
}
