/** A text cut into runs, those matching the query marked: rendered as text, so nothing is HTML. */
export type THighlight = { text: string; hit: boolean }[];

// ts_headline marks matches with these private-use characters (never in a title or a transcript;
// parseSearchQuery removes them from queries), so its output needs no HTML escaping.
export const HIT_START = "\uE000";
export const HIT_END = "\uE001";
export const HEADLINE_MARKERS = `StartSel=${HIT_START}, StopSel=${HIT_END}`;

/** Splits ts_headline output into runs; adjacent matches ("Điện Biên") become one run. */
export function readHighlight(marked: string): THighlight {
  const runs: THighlight = [];
  const push = (text: string, hit: boolean) => {
    if (!text) return;
    const previous = runs.at(-1);
    if (previous && previous.hit === hit) previous.text += text;
    else runs.push({ text, hit });
  };
  for (const part of marked.split(HIT_START)) {
    const end = part.indexOf(HIT_END);
    if (end < 0) push(part, false);
    else {
      push(part.slice(0, end), true);
      push(part.slice(end + 1), false);
    }
  }
  mergeSpacedHits(runs);
  return runs;
}

// "Điện" " " "Biên": a hit, a blank, a hit read as one highlighted phrase.
function mergeSpacedHits(runs: THighlight) {
  let i = 1;
  while (i < runs.length - 1) {
    const [before, gap, after] = [runs[i - 1]!, runs[i]!, runs[i + 1]!];
    if (before.hit && !gap.hit && after.hit && /^\s+$/u.test(gap.text)) {
      before.text += gap.text + after.text;
      runs.splice(i, 2);
    } else i++;
  }
}

/** The plain text of runs. */
export function highlightText(runs: THighlight): string {
  return runs.map((run) => run.text).join("");
}
