import { z } from "zod";
import type { TDocumentRecord } from "./document-record";
import { lookupJsonDocument } from "./json-document-system";

/**
 * The environment variables of the documents connector, spread into each process's config
 * schema (as storage's are). All optional: without them edXML import and export still work.
 */
export const documentsEnvShape = {
  /** A document's page in the department's document system, with `{number}` for its number and notation. */
  DOCUMENT_URL_TEMPLATE: z.url().refine((v) => v.includes("{number}"), "must contain {number}").optional(),
  /** The document system's JSON endpoint for one document (edXML header names), with `{number}`. */
  DOCUMENT_SYSTEM_LOOKUP_URL: z.url().refine((v) => v.includes("{number}"), "must contain {number}").optional(),
  DOCUMENT_SYSTEM_TOKEN: z.string().min(1).optional(),
};
export const ZDocumentsEnvSchema = z.object(documentsEnvShape);
export type TDocumentsEnv = z.infer<typeof ZDocumentsEnvSchema>;

/** What the rest of the suite asks of the department's document system. */
export interface TDocumentsConnector {
  /** Link to a document in the document system, or null when no URL template is configured. */
  documentUrl(numberNotation: string): string | null;
  /** Fetches a document's fields by number and notation; null when no lookup endpoint is configured. */
  lookup: ((numberNotation: string) => Promise<TDocumentRecord>) | null;
}

export function createDocumentsConnector(env: TDocumentsEnv): TDocumentsConnector {
  const { DOCUMENT_URL_TEMPLATE: template, DOCUMENT_SYSTEM_LOOKUP_URL: lookupUrl, DOCUMENT_SYSTEM_TOKEN: token } = env;
  return {
    documentUrl: (numberNotation) => (template ? template.replaceAll("{number}", encodeURIComponent(numberNotation)) : null),
    lookup: lookupUrl ? (numberNotation) => lookupJsonDocument({ lookupUrl, token }, numberNotation) : null,
  };
}
