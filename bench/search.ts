/**
 * Search benchmark: a generated corpus of 10,000 materials and 1,000,000 transcript segments of
 * Vietnamese (bench/search/corpus.ts), loaded into PostgreSQL and into the embedded PGlite; then
 * the server time of typical searches as GET /api/search runs them (searchVisibleMaterials, for
 * a teacher: the visibility rule with the most branches), p50 and p95 per kind of query, and the
 * size of the search indexes. Targets: p95 ≤ 50 ms on PostgreSQL, ≤ 250 ms on PGlite.
 *
 *   npm run bench -- search [--materials 10000] [--segments 100] [--runs 20] [--only postgresql|pglite]
 * Needs PostgreSQL (DATABASE_URL's server, default 127.0.0.1:5432); every database is dropped after.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createPrismaClient, type Db } from "@diemcau/db";
import { createTestDatabaseOf, DATABASE_KINDS, type TDatabaseKind } from "@diemcau/db/test-database";
import { searchVisibleMaterials } from "../apps/web/lib/search/search-visible-materials";
import { checkSources, indexSizes, loadCorpus, readSources } from "./search/corpus";
import { formatTable, saveResults, verdict } from "./lib/results";

const TARGET_P95_MS: Record<TDatabaseKind, number> = { postgresql: 50, pglite: 250 };

const { values: args } = parseArgs({
  options: {
    materials: { type: "string", default: "10000" },
    segments: { type: "string", default: "100" },
    runs: { type: "string", default: "20" },
    only: { type: "string" },
  },
});
const RUNS = Number(args.runs);
const SIZE = { materials: Number(args.materials), segmentsPerMaterial: Number(args.segments), teachers: 400 };

/**
 * Typical searches, five of each kind (every kind is measured over all of its queries), and a
 * stress case outside the targets: syllables of the Debian manuals' prose that are in nearly
 * every transcript of this corpus, as a function word would be.
 */
function typicalQueries(districtId: string): Record<string, Record<string, string>[]> {
  const q = (...queries: string[]) => queries.map((query) => ({ q: query }));
  return {
    "one syllable": q("toán", "điện", "nhiệt", "quang", "kiều"),
    "3-word phrase": q("phương trình bậc", "quang hợp ở", "thuật toán sắp", "cấu tạo nguyên", "thì hiện tại"),
    "folded phrase": q("phuong trinh bac hai", "dien bien phu", "bao ve moi truong", "luc day ac si met", "cach mang thang tam"),
    typo: q("phuog trinh", "quag hop", "truyn kieu", "dinh luaat om", "so thap fan"),
    "filter + query": [
      { q: "phân số", subject: "Toán", grade: "6" },
      { q: "dien bien", kind: "CLASS" },
      { q: "điện", district: districtId },
      { q: "bài", from: "2026-03-01", to: "2026-06-30" },
      { q: "tập huấn", sort: "views" },
    ],
    "stress: syllable in ~every transcript": q("gói", "tệp", "của"),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(db: Db, viewer: { id: string; role: "TEACHER" }, queries: Record<string, string>[]) {
  const times: number[] = [];
  let results = 0;
  for (const query of queries) {
    for (let i = 0; i < 3; i++) await searchVisibleMaterials(db, viewer, query); // warm caches and plans
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const result = await searchVisibleMaterials(db, viewer, query);
      times.push(performance.now() - start);
      results = Math.max(results, result.total);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), maxResults: results };
}

checkSources();
const sources = readSources();
const kinds = DATABASE_KINDS.filter((kind) => !args.only || args.only === kind);
const report: Record<string, unknown> = { size: SIZE, runs: RUNS };
const rows: (string | number)[][] = [];
for (const kind of kinds) {
  const database = await createTestDatabaseOf(kind);
  const db = createPrismaClient(database.url);
  try {
    const started = performance.now();
    await loadCorpus(database.url, SIZE, sources, (line) => console.error(`[${kind}] ${line}`));
    const loadSeconds = (performance.now() - started) / 1000;
    const teacher = await db.user.findFirstOrThrow({ where: { role: "TEACHER" }, select: { id: true } });
    const district = await db.district.findFirstOrThrow({ select: { id: true } });
    const viewer = { id: teacher.id, role: "TEACHER" as const };
    const figures: Record<string, unknown> = {};
    for (const [name, queries] of Object.entries(typicalQueries(district.id))) {
      const { p50, p95, maxResults } = await measure(db, viewer, queries);
      figures[name] = { p50, p95, maxResults };
      const target = name.startsWith("stress") ? "(no target)" : verdict(p95 <= TARGET_P95_MS[kind]);
      rows.push([kind, name, p50.toFixed(1), p95.toFixed(1), maxResults, target]);
    }
    const indexes = await indexSizes(database.url);
    const indexBytes = indexes.reduce((sum, index) => sum + index.bytes, 0);
    rows.push([kind, "search indexes (GIN, trigram)", "", "", `${(indexBytes / 2 ** 20).toFixed(1)} MiB`, ""]);
    report[kind] = { loadSeconds, figures, indexes, indexBytes, targetP95Ms: TARGET_P95_MS[kind] };
    console.error(`[${kind}] corpus loaded in ${loadSeconds.toFixed(0)} s`);
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}
console.log(`\nSearch over ${SIZE.materials} materials, ${SIZE.materials * SIZE.segmentsPerMaterial} transcript segments (${RUNS} runs of each query)\n`);
console.log(formatTable(["database", "query", "p50 ms", "p95 ms", "results", "p95 target"], rows));
console.log(`\n${saveResults("search", report)}`);
