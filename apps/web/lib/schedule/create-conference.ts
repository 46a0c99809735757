import type { Db } from "@diemcau/db";
import { z } from "zod";
import { parseInput } from "../api/parse-input";
import { documentLinkData, ZDocumentLinkInputSchema } from "../documents/document-link-input";
import { alreadyLinked } from "../documents/link-document";
import { bridgePointLockKey, lockScheduleKeys, SCHEDULE_TX_OPTIONS } from "./lock-keys";
import { assertBridgePointsFree, prepareConference } from "./prepare-conference";

/** The documents that convened a new conference, linked in the same transaction as the event. */
const ZConferenceDocumentsSchema = z.object({
  documents: z.array(ZDocumentLinkInputSchema).max(20, "Tối đa 20 văn bản cho một hội nghị.").default([]),
});

/** Schedules a conference (hội nghị, tập huấn) with its documents; refuses a bridge point already booked at that time. */
export async function createConference(db: Db, input: unknown, now = new Date()): Promise<{ id: string }> {
  const conference = await prepareConference(db, input, now);
  const { documents } = parseInput(ZConferenceDocumentsSchema, input);
  const seen = new Set<string>();
  for (const { document } of documents) {
    if (seen.has(document.numberNotation)) throw alreadyLinked(document.numberNotation);
    seen.add(document.numberNotation);
  }
  return db.$transaction(async (tx) => {
    await lockScheduleKeys(tx, conference.bridgePointIds.map(bridgePointLockKey));
    await assertBridgePointsFree(tx, conference);
    const { bridgePointIds, ...fields } = conference;
    return tx.event.create({
      data: {
        ...fields,
        kind: "CONFERENCE",
        bridgePoints: { create: bridgePointIds.map((bridgePointId) => ({ bridgePointId })) },
        documents: { create: documents.map(({ source, document }) => documentLinkData(source, document)) },
      },
      select: { id: true },
    });
  }, SCHEDULE_TX_OPTIONS);
}
