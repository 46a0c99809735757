import type { Db } from "@diemcau/db";
import { parseInput } from "../api/parse-input";
import type { TSessionUser } from "../auth/session-user";
import { AppError } from "../errors/app-error";
import { documentLinkData, ZDocumentLinkInputSchema } from "./document-link-input";
import { requireDocumentTarget, type TDocumentTarget } from "./document-target";

export function alreadyLinked(numberNotation: string): AppError {
  return new AppError("DOCUMENT_ALREADY_LINKED", `Văn bản số ${numberNotation} đã được đính kèm.`, 409, "numberNotation", [], { number: numberNotation });
}

/** Prisma's unique-constraint violation (one document once per event or material). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Links one document (from an edXML package, the document system or typed by hand) to an event or a material. */
export async function linkDocument(db: Db, target: TDocumentTarget, user: Pick<TSessionUser, "id" | "role">, input: unknown): Promise<{ id: string }> {
  await requireDocumentTarget(db, target, user);
  const { source, document } = parseInput(ZDocumentLinkInputSchema, input);
  try {
    return await db.documentLink.create({ data: { ...documentLinkData(source, document), ...target }, select: { id: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyLinked(document.numberNotation);
    throw error;
  }
}

/** Removes one document link of this event or material. */
export async function unlinkDocument(db: Db, target: TDocumentTarget, user: Pick<TSessionUser, "id" | "role">, linkId: string): Promise<{ id: string }> {
  await requireDocumentTarget(db, target, user);
  const { count } = await db.documentLink.deleteMany({ where: { id: linkId, ...target } });
  if (count === 0) throw new AppError("DOCUMENT_LINK_NOT_FOUND", "Văn bản này không còn được đính kèm.", 404);
  return { id: linkId };
}
