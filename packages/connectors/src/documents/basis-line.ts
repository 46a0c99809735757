/**
 * The basis line ("Căn cứ Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục và Đào tạo
 * về việc …") from the documents linked to an event or a material: as one sentence for a news
 * article here, and piece by piece, translated and with the number linked, on the web pages.
 */
export interface TBasisDocument {
  /** Null only for a line of the old free text that had no number; its subject is then the whole line. */
  numberNotation: string | null;
  issuer: string | null;
  /** A date-only value (DocumentLink.promulgatedOn). */
  promulgatedOn: Date | null;
  documentType: string | null;
  subject: string | null;
}

const DEFAULT_DOCUMENT_TYPE = "Văn bản";
const TIME_ZONE = "Asia/Ho_Chi_Minh";
/** Subjects usually begin with the abbreviation or the words themselves; never say them twice. */
const ABOUT_PREFIX = /^\s*(?:v\/v|về việc)\s*[:.,-]?\s*/iu;

const dateParts = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** dd/MM/yyyy of the day the document was promulgated, in the department's zone. */
function formatDay(date: Date): string {
  const part = Object.fromEntries(dateParts.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year}`;
}

/** A subject as it reads after "về việc", without its own "V/v" or "Về việc" (kept whole if that is all it says). */
export function basisSubject(subject: string): string {
  return subject.replace(ABOUT_PREFIX, "").trim() || subject.trim();
}

/** One document's clause: "Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của … về việc …". */
function documentClause(document: TBasisDocument): string {
  const subject = basisSubject(document.subject ?? "").replace(/[.;\s]+$/u, "");
  if (!document.numberNotation) return subject;
  const type = document.documentType?.trim() || DEFAULT_DOCUMENT_TYPE;
  const day = document.promulgatedOn ? ` ngày ${formatDay(document.promulgatedOn)}` : "";
  const issuer = document.issuer?.trim() ? ` của ${document.issuer.trim()}` : "";
  return `${type} số ${document.numberNotation.trim()}${day}${issuer}${subject ? ` về việc ${subject}` : ""}`;
}

/**
 * "Căn cứ A; B." for the documents given (each number once, in the order given), or null when
 * there are none.
 */
export function buildBasisLine(documents: readonly TBasisDocument[]): string | null {
  const seen = new Set<string>();
  const clauses: string[] = [];
  for (const document of documents) {
    const key = (document.numberNotation ?? document.subject ?? "").trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    clauses.push(documentClause(document));
  }
  return clauses.length > 0 ? `Căn cứ ${clauses.join("; ")}.` : null;
}
