import { DocumentError, type TDocumentErrorCode } from "@diemcau/connectors/documents";
import { AppError } from "../errors/app-error";

const STATUS: Record<TDocumentErrorCode, number> = {
  EDXML_EMPTY: 400,
  EDXML_TOO_LARGE: 413,
  EDXML_NOT_UTF8: 400,
  EDXML_NOT_XML: 400,
  EDXML_DOCTYPE_FORBIDDEN: 400,
  EDXML_NOT_EDXML: 400,
  EDXML_MISSING_FIELDS: 400,
  EDXML_INVALID_FIELD: 400,
  EDXML_BAD_DATE: 400,
  DOCUMENT_SYSTEM_UNREACHABLE: 502,
  DOCUMENT_SYSTEM_BAD_RESPONSE: 502,
  DOCUMENT_SYSTEM_MISSING_FIELDS: 502,
  DOCUMENT_NOT_IN_SYSTEM: 404,
};

/** The AppError a route answers for a connector's refusal (same code, message and params). */
export function documentAppError(error: DocumentError): AppError {
  return new AppError(error.code, error.message, STATUS[error.code], "file", [], error.params);
}

/** Runs connector work; a DocumentError becomes its AppError. */
export async function withDocumentErrors<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DocumentError) throw documentAppError(error);
    throw error;
  }
}
