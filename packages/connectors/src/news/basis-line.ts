/**
 * The basis line of an article ("Căn cứ Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục
 * và Đào tạo về việc …"), from the official documents linked to a material or its event.
 * The document connector will own this sentence for event and material pages too; until it does,
 * the news articles build it here.
 */
export interface TBasisDocument {
  numberNotation: string;
  issuer: string;
  promulgatedAt: Date | null;
  documentType: string | null;
  subject: string;
}

const DEFAULT_DOCUMENT_TYPE = "Văn bản";
const TIME_ZONE = "Asia/Ho_Chi_Minh";
/** Subjects usually begin with the abbreviation or the words themselves; never say them twice. */
const ABOUT_PREFIX = /^(?:v\/v|về việc)\s*:?\s*/iu;

const dateParts = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** dd/MM/yyyy of the day the document was promulgated, in the department's zone. */
function formatDay(date: Date): string {
  const part = Object.fromEntries(dateParts.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year}`;
}

/** One document's clause: "Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của … về việc …". */
function documentClause(document: TBasisDocument): string {
  const type = document.documentType?.trim() || DEFAULT_DOCUMENT_TYPE;
  const day = document.promulgatedAt ? ` ngày ${formatDay(document.promulgatedAt)}` : "";
  const issuer = document.issuer.trim() ? ` của ${document.issuer.trim()}` : "";
  const subject = document.subject.trim().replace(ABOUT_PREFIX, "").replace(/[.;\s]+$/u, "");
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
    const key = document.numberNotation.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    clauses.push(documentClause(document));
  }
  return clauses.length > 0 ? `Căn cứ ${clauses.join("; ")}.` : null;
}
