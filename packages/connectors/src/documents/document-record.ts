import { z } from "zod";
import { documentError } from "./document-error";
import { parseEdxmlDate } from "./edxml-format";

/** An agency as edXML names it: its electronic id (mã định danh) and its name. */
export interface TEdxmlParty {
  organId?: string;
  organName?: string;
}

/**
 * The MessageHeader fields Điểm Cầu reads and writes, as text exactly as the package holds them
 * (an empty element reads as absent). The JSON endpoint of the document system maps onto it too.
 */
export interface TEdxmlHeader {
  from: TEdxmlParty;
  to: TEdxmlParty[];
  codeNumber?: string;
  codeNotation?: string;
  place?: string;
  /** "yyyy/MM/dd" */
  promulgationDate?: string;
  typeName?: string;
  subject?: string;
  content?: string;
  signerFullName?: string;
  signerPosition?: string;
}

/** A real calendar day written "yyyy-MM-dd" (not 2024-02-30). */
export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .nullish()
    .transform((v) => v || null);

/**
 * One official document as a DocumentLink stores it, whatever it came from (an edXML package, the
 * document system's JSON endpoint, or typed by hand). The number and the subject are required.
 */
export const ZDocumentRecordSchema = z.object({
  numberNotation: z.string().trim().min(1, "Vui lòng nhập số, ký hiệu văn bản.").max(100, "Số, ký hiệu văn bản tối đa 100 ký tự."),
  subject: z.string().trim().min(1, "Vui lòng nhập trích yếu văn bản.").max(2000, "Trích yếu tối đa 2000 ký tự."),
  documentType: optionalText(100, "Tên loại văn bản tối đa 100 ký tự."),
  issuer: optionalText(300, "Tên cơ quan ban hành tối đa 300 ký tự."),
  issuerOrganId: optionalText(100, "Mã định danh cơ quan tối đa 100 ký tự."),
  /** ISO "yyyy-MM-dd". */
  promulgatedOn: z
    .union([z.literal(""), z.string().refine(isIsoDate, "Ngày ban hành không hợp lệ.")])
    .nullish()
    .transform((v) => v || null),
  place: optionalText(200, "Địa danh tối đa 200 ký tự."),
  signerName: optionalText(200, "Tên người ký tối đa 200 ký tự."),
  signerPosition: optionalText(200, "Chức vụ người ký tối đa 200 ký tự."),
  recipients: z.array(z.string().trim().min(1).max(300)).max(500).default([]),
  attachments: z.array(z.string().trim().min(1).max(300)).max(500).default([]),
});
export type TDocumentRecord = z.output<typeof ZDocumentRecordSchema>;
export type TDocumentRecordInput = z.input<typeof ZDocumentRecordSchema>;

/** The header fields a document cannot be linked without, in the standard's own names. */
const REQUIRED: [path: string, read: (h: TEdxmlHeader) => string | undefined][] = [
  ["Code/CodeNumber", (h) => h.codeNumber],
  ["Code/CodeNotation", (h) => h.codeNotation],
  ["From/OrganName", (h) => h.from.organName],
  ["PromulgationInfo/PromulgationDate", (h) => h.promulgationDate],
  ["Subject", (h) => h.subject],
];

/** Paths of the required header fields that are empty or absent. */
export function missingHeaderFields(header: TEdxmlHeader): string[] {
  return REQUIRED.filter(([, read]) => !read(header)).map(([path]) => path);
}

/** A header (and its attachments' names) as a document record; refuses missing fields, then a bad date. */
export function documentFromHeader(header: TEdxmlHeader, attachmentNames: string[]): TDocumentRecord {
  const missing = missingHeaderFields(header);
  if (missing.length > 0) throw documentError("EDXML_MISSING_FIELDS", { fields: missing.join(", ") });
  const result = ZDocumentRecordSchema.safeParse({
    numberNotation: `${header.codeNumber}/${header.codeNotation}`,
    subject: header.subject,
    documentType: header.typeName,
    issuer: header.from.organName,
    issuerOrganId: header.from.organId,
    promulgatedOn: parseEdxmlDate(header.promulgationDate!),
    place: header.place,
    signerName: header.signerFullName,
    signerPosition: header.signerPosition,
    recipients: header.to.map((party) => party.organName).filter((name): name is string => Boolean(name)),
    attachments: attachmentNames,
  });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw documentError("EDXML_INVALID_FIELD", { field: HEADER_PATHS[String(issue.path[0])] ?? String(issue.path[0]), problem: issue.message });
}

/** Where each record field comes from in the package, to name it in a refusal. */
const HEADER_PATHS: Record<string, string> = {
  numberNotation: "Code",
  subject: "Subject",
  documentType: "DocumentType/TypeName",
  issuer: "From/OrganName",
  issuerOrganId: "From/OrganId",
  place: "PromulgationInfo/Place",
  signerName: "SignerInfo/FullName",
  signerPosition: "SignerInfo/Position",
  recipients: "To/OrganName",
  attachments: "AttachmentName",
};
