import { EDXML_MAX_BYTES, EDXML_MAX_LABEL, documentError, importEdxml, type TDocumentRecord } from "@diemcau/connectors/documents";
import { readLimitedBody } from "../api/read-limited-body";
import { documentAppError, withDocumentErrors } from "./document-app-error";

/**
 * POST body = the edXML file itself, read to at most 20 MB: a declared size over the limit is
 * refused before a byte of the body is read, an undeclared one where the stream passes the limit.
 */
export async function readEdxmlUpload(request: Request): Promise<TDocumentRecord> {
  const body = await readLimitedBody(request, EDXML_MAX_BYTES, () => documentAppError(documentError("EDXML_TOO_LARGE", { max: EDXML_MAX_LABEL })));
  return withDocumentErrors(() => importEdxml(body));
}
