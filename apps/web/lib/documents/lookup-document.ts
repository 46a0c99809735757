import { ZDocumentRecordSchema, type TDocumentRecord } from "@diemcau/connectors/documents";
import { parseInput } from "../api/parse-input";
import { AppError } from "../errors/app-error";
import { withDocumentErrors } from "./document-app-error";
import { getDocumentsConnector } from "./documents-connector";

const ZNumberSchema = ZDocumentRecordSchema.shape.numberNotation;

/** A document's fields from the department's document system, by number and notation. */
export async function lookupDocument(numberNotation: string | null): Promise<TDocumentRecord> {
  const lookup = getDocumentsConnector().lookup;
  if (!lookup) throw new AppError("DOCUMENT_SYSTEM_NOT_CONFIGURED", "Chưa cấu hình kết nối hệ thống quản lý văn bản (DOCUMENT_SYSTEM_LOOKUP_URL).", 404);
  const number = parseInput(ZNumberSchema, numberNotation ?? "");
  return withDocumentErrors(() => lookup(number));
}
