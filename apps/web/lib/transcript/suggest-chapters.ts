/** The longest chapter title the edit form accepts (ZMaterialUpdateSchema). */
const TITLE_MAX = 200;

/**
 * Each slide change as a chapter the teacher may accept, titled by the slide's first line; a
 * slide whose moment is a chapter already is not suggested again.
 */
export function suggestChapters(slides: { startSec: number; text: string }[], chapters: { startSec: number }[]): { startSec: number; title: string }[] {
  const taken = new Set(chapters.map((chapter) => Math.round(chapter.startSec)));
  return slides
    .map((slide) => ({ startSec: Math.round(slide.startSec), title: (slide.text.split("\n").find((line) => line.trim()) ?? "").trim().slice(0, TITLE_MAX) }))
    .filter((suggestion) => suggestion.title && !taken.has(suggestion.startSec));
}
