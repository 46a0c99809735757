import { ZDocumentRecordSchema, type TDocumentRecord } from "@diemcau/connectors/documents";
import type { DocumentLinkSource } from "@diemcau/db";
import { z } from "zod";

/** A document to link, with where its fields came from (FREE_TEXT is only ever written by the migration). */
export const ZDocumentLinkInputSchema = z.object({
  source: z.enum(["EDXML", "DOCUMENT_SYSTEM", "MANUAL"], { error: "Nguồn văn bản không hợp lệ." }),
  document: ZDocumentRecordSchema,
});
export type TDocumentLinkInput = z.input<typeof ZDocumentLinkInputSchema>;

/** The DocumentLink columns of a validated document (its date-only promulgation date at UTC midnight, as @db.Date reads back). */
export function documentLinkData(source: DocumentLinkSource, document: TDocumentRecord) {
  const { promulgatedOn, ...fields } = document;
  return { ...fields, source, promulgatedOn: promulgatedOn ? new Date(`${promulgatedOn}T00:00:00Z`) : null };
}
