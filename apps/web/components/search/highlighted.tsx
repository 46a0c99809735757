import type { THighlight } from "@diemcau/search";

/** Text with the words that matched the search marked (<mark>); never HTML. */
export function Highlighted({ runs }: { runs: THighlight }) {
  return (
    <>
      {runs.map((run, i) => (run.hit ? <mark key={i}>{run.text}</mark> : <span key={i}>{run.text}</span>))}
    </>
  );
}
