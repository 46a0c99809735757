import type { Db } from "@diemcau/db";

const LINK_SELECT = {
  id: true,
  numberNotation: true,
  subject: true,
  documentType: true,
  issuer: true,
  promulgatedOn: true,
  signerName: true,
  signerPosition: true,
  recipients: true,
  attachments: true,
  source: true,
} as const;

export type TDocumentLinkView = {
  id: string;
  numberNotation: string | null;
  subject: string | null;
  documentType: string | null;
  issuer: string | null;
  promulgatedOn: Date | null;
  signerName: string | null;
  signerPosition: string | null;
  recipients: string[];
  attachments: string[];
  source: string;
  /** Linked to the material's event rather than to the material itself (removed from the event). */
  viaEvent?: boolean;
};

export function listEventDocuments(db: Db, eventId: string): Promise<TDocumentLinkView[]> {
  return db.documentLink.findMany({ where: { eventId }, select: LINK_SELECT, orderBy: { createdAt: "asc" } });
}

/** A material's own documents, then those of the event its recording came from (its basis too). */
export async function listMaterialDocuments(db: Db, materialId: string, eventId: string | null): Promise<TDocumentLinkView[]> {
  const [own, ofEvent] = await Promise.all([
    db.documentLink.findMany({ where: { materialId }, select: LINK_SELECT, orderBy: { createdAt: "asc" } }),
    eventId ? listEventDocuments(db, eventId) : Promise.resolve([]),
  ]);
  const ownNumbers = new Set(own.map((d) => d.numberNotation).filter(Boolean));
  return [...own, ...ofEvent.filter((d) => !d.numberNotation || !ownNumbers.has(d.numberNotation)).map((d) => ({ ...d, viaEvent: true }))];
}
