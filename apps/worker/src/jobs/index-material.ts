import { buffer } from "node:stream/consumers";
import type { Db } from "@diemcau/db";
import { recordingKeys, type TMaterialIndexJob, ZChatMessageSchema, ZMaterialIndexJobSchema } from "@diemcau/protocol";
import type { LocalDiskStorage, Storage } from "@diemcau/storage";
import { z } from "zod";

const ZChatLogSchema = z.array(ZChatMessageSchema);

export type IndexMaterialResult = { indexed: boolean; chatMessages: number };

/**
 * The material.index job: writes the recording's chat log (chat.json) as ChatLine rows, each at
 * its second in the recording (sent time less the recording's start), so a search hit in the chat
 * opens the player there. Triggers fold the lines into the material's chat vector; the other
 * fields need no job (generated columns follow them). Running it again replaces the lines. A chat
 * log that cannot be read is left out with a warning rather than failing the job: the rest stays
 * searchable.
 */
export async function indexMaterial(
  deps: { db: Db; local: LocalDiskStorage; media: Storage },
  payload: TMaterialIndexJob,
): Promise<IndexMaterialResult> {
  const { materialId } = ZMaterialIndexJobSchema.parse(payload);
  const material = await deps.db.material.findUnique({
    where: { id: materialId },
    select: { recording: { select: { id: true, startedAt: true } } },
  });
  if (!material) return { indexed: false, chatMessages: 0 };
  const recording = material.recording;
  const chat = recording ? await readChatLog(deps, recording.id) : [];
  const lines = chat.map((message) => ({
    materialId,
    atSec: Math.max(0, (Date.parse(message.sentAt) - (recording?.startedAt.getTime() ?? 0)) / 1000),
    author: message.displayName,
    text: message.text,
  }));
  await deps.db.$transaction([deps.db.chatLine.deleteMany({ where: { materialId } }), deps.db.chatLine.createMany({ data: lines })]);
  return { indexed: true, chatMessages: chat.length };
}

async function readChatLog(deps: { local: LocalDiskStorage; media: Storage }, recordingId: string) {
  const key = recordingKeys.chat(recordingId);
  const storage = (await deps.local.stat(key)) ? deps.local : (await deps.media.stat(key)) ? deps.media : null;
  if (!storage) return [];
  let json: unknown;
  try {
    json = JSON.parse((await buffer(await storage.getStream(key))).toString("utf8"));
  } catch (error) {
    console.warn(`[worker] ${key} is not JSON; indexed without the chat:`, (error as Error).message);
    return [];
  }
  const parsed = ZChatLogSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.warn(`[worker] ${key} is not a chat log (${issue?.path.join(".")}: ${issue?.message}); indexed without the chat`);
    return [];
  }
  return parsed.data;
}
