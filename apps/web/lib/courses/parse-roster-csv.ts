// A class roster exported from a spreadsheet: a header row naming an email column (and
// optionally a name column), then one student per row. Excel in Vietnamese locales saves
// with ";" and a UTF-8 BOM, so both separators are accepted and the BOM is dropped.

export interface TRosterRow {
  /** 1-based line of the file where the row starts, as a spreadsheet user would count. */
  line: number;
  email: string;
  name: string | null;
}

export interface TRosterProblem {
  line: number;
  message: string;
}

export interface TParsedRoster {
  rows: TRosterRow[];
  problems: TRosterProblem[];
}

const EMAIL_HEADERS = ["email", "e-mail", "thư điện tử", "thu dien tu"];
const NAME_HEADERS = ["họ và tên", "họ tên", "ho_ten", "ho ten", "ho va ten", "name", "tên", "ten"];
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** RFC 4180 records with their starting line (quoted fields may span lines). */
function records(text: string, separator: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === separator) {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      out.push({ line: recordLine, fields });
      fields = [];
      field = "";
      line++;
      recordLine = line;
    } else field += c;
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    out.push({ line: recordLine, fields });
  }
  return out.filter((r) => r.fields.some((f) => f.trim() !== ""));
}

export function parseRosterCsv(input: string): TParsedRoster {
  const text = input.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const [header, ...body] = records(text, separator);
  if (!header) return { rows: [], problems: [{ line: 1, message: "Tệp trống: cần một dòng tiêu đề có cột email." }] };

  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const emailColumn = columns.findIndex((c) => EMAIL_HEADERS.includes(c));
  const nameColumn = columns.findIndex((c) => NAME_HEADERS.includes(c));
  if (emailColumn < 0) {
    return { rows: [], problems: [{ line: header.line, message: "Dòng tiêu đề thiếu cột “email”." }] };
  }
  if (body.length === 0) return { rows: [], problems: [{ line: header.line, message: "Tệp không có học sinh nào sau dòng tiêu đề." }] };

  const rows: TRosterRow[] = [];
  const problems: TRosterProblem[] = [];
  const seen = new Map<string, number>();
  for (const record of body) {
    const email = (record.fields[emailColumn] ?? "").trim().toLowerCase();
    const name = nameColumn >= 0 ? (record.fields[nameColumn] ?? "").trim() || null : null;
    if (record.fields.length !== header.fields.length) {
      problems.push({ line: record.line, message: `có ${record.fields.length} cột, dòng tiêu đề có ${header.fields.length} cột.` });
    } else if (!email) problems.push({ line: record.line, message: "thiếu email." });
    else if (!EMAIL_RE.test(email)) problems.push({ line: record.line, message: `email “${email}” không hợp lệ.` });
    else if (seen.has(email)) problems.push({ line: record.line, message: `email ${email} trùng với dòng ${seen.get(email)}.` });
    else {
      seen.set(email, record.line);
      rows.push({ line: record.line, email, name });
    }
  }
  return { rows, problems };
}
