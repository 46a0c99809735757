import { createDocumentsConnector, type TDocumentsConnector } from "@diemcau/connectors/documents";
import { getConfig } from "../config";

let cached: TDocumentsConnector | undefined;

/** The documents connector as configured (DOCUMENT_URL_TEMPLATE, DOCUMENT_SYSTEM_*). */
export function getDocumentsConnector(): TDocumentsConnector {
  cached ??= createDocumentsConnector(getConfig());
  return cached;
}
