/**
 * A generated corpus of Vietnamese learning materials for the search benchmark: titles, tags,
 * descriptions and transcripts made of Debian's Vietnamese word list (hunspell-vi, drawn with a
 * Zipf law so some syllables are everywhere and most are rare, as in speech) and of real prose
 * (maint-guide-vi, manpages-vi), with a few known topics sprinkled in so the queries have answers.
 * The same seed gives the same corpus.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import pg from "pg";

export const WORD_LIST = "/usr/share/hunspell/vi_VN.dic";
const MAINT_GUIDE = "/usr/share/doc/maint-guide-vi/maint-guide.vi.txt.gz";
const MAN_PAGES = "/usr/share/man/vi";

export const SUBJECTS = ["Toán", "Ngữ văn", "Tiếng Anh", "Vật lý", "Hóa học", "Sinh học", "Lịch sử", "Địa lý", "Tin học", "Giáo dục công dân"];
export const DISTRICTS = ["Đông Hà", "Quảng Trị", "Vĩnh Linh", "Gio Linh", "Cam Lộ", "Triệu Phong", "Hải Lăng", "Hướng Hóa", "Đa Krông"];
/** Topics that titles and transcripts mention; the benchmark's queries look for some of them. */
export const TOPICS = [
  "Phân số", "Phương trình bậc hai", "Hệ thức Vi-ét", "Chiến thắng Điện Biên Phủ", "Quang hợp ở thực vật",
  "Định luật Ôm", "Tổng các góc trong tam giác", "Đường tròn ngoại tiếp", "Cấu tạo nguyên tử", "Hô hấp tế bào",
  "Văn bản nghị luận", "Truyện Kiều", "Thì hiện tại hoàn thành", "Khí hậu nhiệt đới gió mùa", "Cách mạng tháng Tám",
  "Lực đẩy Ác-si-mét", "Thuật toán sắp xếp", "Phép chia có dư", "Số thập phân", "Hình bình hành",
  "Bảo vệ môi trường", "An toàn giao thông", "Tập huấn chuyên môn", "Sinh hoạt tổ chuyên môn", "Kế hoạch năm học",
];

export interface TCorpusSize {
  materials: number;
  segmentsPerMaterial: number;
  teachers: number;
}

export interface TCorpusSources {
  syllables: string[];
  prose: string[];
}

/** mulberry32: a small seeded generator, so every run builds the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Vietnamese syllables of the word list, and lines of real prose from the Vietnamese manuals. */
export function readSources(): TCorpusSources {
  const syllables = readFileSync(WORD_LIST, "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.split("/")[0]!.trim())
    .filter((word) => /^\p{Ll}+$/u.test(word));
  const texts = [gunzipSync(readFileSync(MAINT_GUIDE)).toString("utf8")];
  for (const section of readdirSync(MAN_PAGES)) {
    for (const file of readdirSync(path.join(MAN_PAGES, section))) {
      if (file.endsWith(".gz")) texts.push(manPageText(gunzipSync(readFileSync(path.join(MAN_PAGES, section, file))).toString("utf8")));
    }
  }
  const prose = texts
    .flatMap((text) => text.split(/(?<=[.!?:;])\s+|\n\s*\n/u))
    .map((line) => line.replace(/\s+/gu, " ").trim())
    .filter((line) => line.split(" ").length >= 5 && /[àáảãạâầấẩẫậăằắẳẵặđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/u.test(line))
    .flatMap((line) => chunk(line.split(" "), 18).map((words) => words.join(" ")));
  return { syllables, prose };
}

// Rough groff-to-text: the macros and font escapes go, the words stay.
function manPageText(source: string): string {
  return source
    .split("\n")
    .filter((line) => !/^['.]/u.test(line))
    .join("\n")
    .replace(/\\f(\[[^\]]*\]|.)/gu, "")
    .replace(/\\\(..|\\\[[^\]]*\]|\\[-&/,~^|]/gu, (escape) => (escape === "\\-" ? "-" : " "));
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Draws syllables with a Zipf law (rank r has weight 1/r) over a shuffled word list. */
function zipfSampler(syllables: string[], random: () => number): () => string {
  const ranked = [...syllables];
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ranked[i], ranked[j]] = [ranked[j]!, ranked[i]!];
  }
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 1; r <= ranked.length; r++) cumulative.push((sum += 1 / r));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return ranked[lo]!;
  };
}

const id = (prefix: string, n: number) => `${prefix}${n.toString(36).padStart(7, "0")}`;

/**
 * Writes the corpus with plain SQL (unnest arrays; Prisma would take far longer for a million
 * rows): teachers, courses, events and recordings, materials, transcripts (the triggers fold
 * each material's transcript into its vectors), chat, and linked documents.
 */
export async function loadCorpus(url: string, size: TCorpusSize, sources: TCorpusSources, log: (line: string) => void): Promise<void> {
  const random = seededRandom(20261202);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const syllable = zipfSampler(sources.syllables, random);
  const words = (min: number, max: number) => Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, syllable).join(" ");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const org = await client.query<{ id: string }>(`INSERT INTO "Organization" (id, name) VALUES ('bench-org', 'Sở GD&ĐT') RETURNING id`);
    const districtIds = DISTRICTS.map((_, i) => id("bench-d", i));
    await client.query(
      `INSERT INTO "District" (id, "organizationId", name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [districtIds, districtIds.map(() => org.rows[0]!.id), DISTRICTS],
    );
    const teacherIds = Array.from({ length: size.teachers }, (_, i) => id("bench-u", i));
    await client.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", role, "districtId", "updatedAt")
       SELECT t.id, t.id || '@bench.local', 'Giáo viên ' || t.n, 'x', 'TEACHER', t.d, now()
         FROM unnest($1::text[], $2::int[], $3::text[]) AS t(id, n, d)`,
      [teacherIds, teacherIds.map((_, i) => i + 1), teacherIds.map(() => pick(districtIds))],
    );
    const courseIds = teacherIds.map((_, i) => id("bench-c", i));
    await client.query(
      `INSERT INTO "Course" (id, name, subject, grade, "schoolYear", "teacherId")
       SELECT c.id, c.subject || ' ' || c.grade, c.subject, c.grade, '2026-2027', c.teacher FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS c(id, subject, grade, teacher)`,
      [courseIds, courseIds.map(() => pick(SUBJECTS)), courseIds.map(() => 6 + Math.floor(random() * 7)), teacherIds],
    );

    const BATCH = 50;
    for (let start = 0; start < size.materials; start += BATCH) {
      const n = Math.min(BATCH, size.materials - start);
      const materials = Array.from({ length: n }, (_, k) => {
        const i = start + k;
        const owner = Math.floor(random() * teacherIds.length);
        const subject = pick(SUBJECTS);
        const grade = 6 + Math.floor(random() * 7);
        const topic = pick(TOPICS);
        const kind = random() < 0.2 ? "CONFERENCE" : random() < 0.75 ? "CLASS" : null;
        const startsAt = new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 330) * 86_400_000);
        return {
          id: id("bench-m", i),
          recordingId: id("bench-r", i),
          eventId: kind ? id("bench-e", i) : null,
          kind,
          owner: teacherIds[owner]!,
          course: kind === "CLASS" ? courseIds[owner]! : null,
          title: `${topic} — ${words(2, 4)}`,
          tags: [subject, `Lớp ${grade}`, pick(DISTRICTS)],
          description: pick(sources.prose),
          subject,
          grade,
          visibility: random() < 0.6 ? "PUBLIC" : random() < 0.6 ? "INTERNAL" : "ENROLLED",
          published: random() < 0.9,
          startsAt,
          duration: 600 + Math.floor(random() * 3000),
          topic,
        };
      });
      const events = materials.filter((m) => m.eventId);
      await client.query(
        `INSERT INTO "Event" (id, kind, title, "startsAt", "endsAt", status, "hostId", "courseId", "roomName", "updatedAt")
         SELECT e.id, e.kind::"EventKind", e.title, e.starts, e.starts + interval '45 minutes', 'ENDED', e.host, e.course, e.id, now()
           FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[]) AS e(id, kind, title, starts, host, course)`,
        [events.map((m) => m.eventId), events.map((m) => m.kind), events.map((m) => m.title), events.map((m) => m.startsAt), events.map((m) => m.owner), events.map((m) => m.course)],
      );
      await client.query(
        `INSERT INTO "Recording" (id, "eventId", status, progress, "storagePrefix", "durationSec", "startedAt", "endedAt", source)
         SELECT r.id, r.event, 'READY', 100, 'recordings/' || r.id, r.duration, r.starts, r.starts, 'RECORDER'
           FROM unnest($1::text[], $2::text[], $3::float8[], $4::timestamptz[]) AS r(id, event, duration, starts)`,
        [materials.map((m) => m.recordingId), materials.map((m) => m.eventId), materials.map((m) => m.duration), materials.map((m) => m.startsAt)],
      );
      await client.query(
        `INSERT INTO "Material" (id, title, description, subject, grade, tags, visibility, published, "ownerId", "recordingId", "createdAt", "updatedAt")
         SELECT m.id, m.title, m.description, m.subject, m.grade, string_to_array(m.tags, '|'), m.visibility::"Visibility", m.published, m.owner, m.recording, m.created, m.created
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::bool[], $9::text[], $10::text[], $11::timestamptz[])
             AS m(id, title, description, subject, grade, tags, visibility, published, owner, recording, created)`,
        [
          materials.map((m) => m.id), materials.map((m) => m.title), materials.map((m) => m.description), materials.map((m) => m.subject),
          materials.map((m) => m.grade), materials.map((m) => m.tags.join("|")), materials.map((m) => m.visibility),
          materials.map((m) => m.published), materials.map((m) => m.owner), materials.map((m) => m.recordingId), materials.map((m) => m.startsAt),
        ],
      );

      const segments: { id: string; material: string; start: number; text: string }[] = [];
      for (const m of materials) {
        const step = m.duration / size.segmentsPerMaterial;
        for (let s = 0; s < size.segmentsPerMaterial; s++) {
          let text = random() < 0.5 ? pick(sources.prose) : words(8, 16);
          if (random() < 0.02) text = `${text} ${m.topic.toLowerCase()} ${words(2, 5)}`;
          segments.push({ id: `${m.id}-s${s}`, material: m.id, start: s * step, text });
        }
      }
      await client.query(
        `INSERT INTO "TranscriptSegment" (id, "materialId", "startSec", "endSec", text, source)
         SELECT s.id, s.material, s.start, s.start + 5, s.text, 'UPLOAD' FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[]) AS s(id, material, start, text)`,
        [segments.map((s) => s.id), segments.map((s) => s.material), segments.map((s) => s.start), segments.map((s) => s.text)],
      );

      const chatty = materials.filter(() => random() < 0.1);
      const lines = chatty.flatMap((m) =>
        Array.from({ length: 20 }, (_, c) => ({ id: `${m.id}-c${c}`, material: m.id, at: c * 30, text: random() < 0.5 ? pick(sources.prose) : words(3, 10) })),
      );
      await client.query(
        `INSERT INTO "ChatLine" (id, "materialId", "atSec", author, text)
         SELECT c.id, c.material, c.at, 'Học sinh', c.text FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[]) AS c(id, material, at, text)`,
        [lines.map((l) => l.id), lines.map((l) => l.material), lines.map((l) => l.at), lines.map((l) => l.text)],
      );

      const documented = events.filter(() => random() < 0.1);
      await client.query(
        `INSERT INTO "DocumentLink" (id, "numberNotation", issuer, subject, "documentType", "eventId", source)
         SELECT d.id, d.number, 'Sở GD&ĐT Quảng Trị', d.subject, 'Công văn', d.event, 'MANUAL' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS d(id, number, subject, event)`,
        [
          documented.map((m) => `${m.id}-d`),
          documented.map(() => `${1000 + Math.floor(random() * 9000)}/SGDĐT-${pick(["VP", "GDTrH", "GDTH", "TCCB"])}`),
          documented.map((m) => `V/v ${m.topic.toLowerCase()} ${words(3, 6)}`),
          documented.map((m) => m.eventId),
        ],
      );
      if ((start / BATCH) % 20 === 0) log(`${start + n} / ${size.materials} materials`);
    }
    await client.query("VACUUM ANALYZE"); // as autovacuum would: flushes the GIN indexes' pending lists
    // The load's gigabytes of dirty pages are written now, not by the checkpointer while searches
    // are timed (a few seconds after the load, on the same two cores).
    await client.query("CHECKPOINT");
  } finally {
    await client.end();
  }
}

/** Bytes of the search indexes (GIN and trigram) and of the tables they serve. */
export async function indexSizes(url: string): Promise<{ name: string; bytes: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; bytes: string }>(
      `SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
        JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'gin' ORDER BY c.relname`,
    );
    return rows.map((row) => ({ name: row.name, bytes: Number(row.bytes) }));
  } finally {
    await client.end();
  }
}

/** Everything that must be there before a corpus can be made (Debian packages of bootstrap.sh). */
export function checkSources(): void {
  const missing = [WORD_LIST, MAINT_GUIDE, MAN_PAGES].filter((file) => !existsSync(file));
  if (missing.length) throw new Error(`${missing.join(", ")} missing: npm run bench installs hunspell-vi, maint-guide-vi and manpages-vi`);
}
