import { z } from "zod";
import { DocumentError, documentError } from "./document-error";
import { documentFromHeader, missingHeaderFields, type TDocumentRecord } from "./document-record";

const text = z
  .string()
  .nullish()
  .transform((v) => v?.replace(/\s+/g, " ").trim() || undefined);
const ZPartySchema = z.object({ OrganId: text, OrganName: text }).transform((p) => ({ organId: p.OrganId, organName: p.OrganName }));

/**
 * What the document system's JSON endpoint answers for one document: the edXML MessageHeader's
 * own element names (QCVN 102:2016), so the department maps one standard onto JSON rather than
 * learning a format of ours.
 */
export const ZJsonDocumentSchema = z
  .object({
    From: ZPartySchema,
    To: z.array(ZPartySchema).max(500).default([]),
    Code: z.object({ CodeNumber: text, CodeNotation: text }),
    PromulgationInfo: z.object({ Place: text, PromulgationDate: text }),
    DocumentType: z.object({ TypeName: text }).optional(),
    Subject: text,
    SignerInfo: z.object({ FullName: text, Position: text }).optional(),
    Attachments: z.array(z.object({ AttachmentName: z.string().trim().min(1) })).max(500).default([]),
  })
  .transform((d) => ({
    header: {
      from: d.From,
      to: d.To.filter((p) => p.organId || p.organName),
      codeNumber: d.Code.CodeNumber,
      codeNotation: d.Code.CodeNotation,
      place: d.PromulgationInfo.Place,
      promulgationDate: d.PromulgationInfo.PromulgationDate,
      typeName: d.DocumentType?.TypeName,
      subject: d.Subject,
      signerFullName: d.SignerInfo?.FullName,
      signerPosition: d.SignerInfo?.Position,
    },
    attachmentNames: d.Attachments.map((a) => a.AttachmentName),
  }));
export type TJsonDocument = z.input<typeof ZJsonDocumentSchema>;

export interface TJsonDocumentSystemOptions {
  /** GET URL with `{number}` where the number and notation go, e.g. https://vanban.example/api/van-ban?so={number}. */
  lookupUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  token?: string;
  timeoutMs?: number;
}

/** Looks a document up by its number and notation in the department's document system. */
export async function lookupJsonDocument(options: TJsonDocumentSystemOptions, numberNotation: string): Promise<TDocumentRecord> {
  const url = options.lookupUrl.replaceAll("{number}", encodeURIComponent(numberNotation));
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: "application/json", ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      redirect: "error",
    });
  } catch {
    throw documentError("DOCUMENT_SYSTEM_UNREACHABLE");
  }
  if (response.status === 404) throw documentError("DOCUMENT_NOT_IN_SYSTEM", { number: numberNotation });
  if (!response.ok) throw documentError("DOCUMENT_SYSTEM_UNREACHABLE");
  const parsed = ZJsonDocumentSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw documentError("DOCUMENT_SYSTEM_BAD_RESPONSE");
  const { header, attachmentNames } = parsed.data;
  const missing = missingHeaderFields(header);
  if (missing.length > 0) throw documentError("DOCUMENT_SYSTEM_MISSING_FIELDS", { fields: missing.join(", ") });
  try {
    return documentFromHeader(header, attachmentNames);
  } catch (error) {
    // A bad date or an over-long field: the system's data, not the user's input.
    if (error instanceof DocumentError) throw documentError("DOCUMENT_SYSTEM_BAD_RESPONSE");
    throw error;
  }
}
