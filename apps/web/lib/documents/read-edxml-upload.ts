import { EDXML_MAX_BYTES, EDXML_MAX_LABEL, documentError, importEdxml, type TDocumentRecord } from "@diemcau/connectors/documents";
import { withDocumentErrors } from "./document-app-error";

/**
 * POST body = the edXML file itself. A declared size over the limit is refused before a byte of
 * the body is read; without a declared size the body is counted as it streams and dropped at the
 * limit, so an oversized upload never sits in memory whole.
 */
export function readEdxmlUpload(request: Request): Promise<TDocumentRecord> {
  return withDocumentErrors(async () => {
    const tooLarge = () => documentError("EDXML_TOO_LARGE", { max: EDXML_MAX_LABEL });
    if (Number(request.headers.get("content-length")) > EDXML_MAX_BYTES) throw tooLarge();
    if (!request.body) throw documentError("EDXML_EMPTY");
    const chunks: Uint8Array[] = [];
    let received = 0;
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > EDXML_MAX_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    return importEdxml(Buffer.concat(chunks));
  });
}
