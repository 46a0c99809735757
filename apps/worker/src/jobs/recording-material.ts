import type { Db } from "@diemcau/db";

type MaterialOutputs = { posterKey?: string | null; hasMp4?: boolean };

/**
 * Creates the recording's material, or updates the finalizer's fields of the existing one
 * (Material.recordingId is unique: never a second material, whatever retries or races happen).
 * A teacher's edits (title, description, visibility…) are never overwritten.
 */
export async function upsertRecordingMaterial(db: Db, recordingId: string, outputs: MaterialOutputs = {}): Promise<string> {
  const recording = await db.recording.findUniqueOrThrow({
    where: { id: recordingId },
    select: {
      startedAt: true,
      material: { select: { id: true } },
      event: { select: { title: true, kind: true, hostId: true, course: { select: { subject: true, grade: true } } } },
    },
  });
  const update = {
    ...(outputs.posterKey !== undefined ? { posterKey: outputs.posterKey } : {}),
    ...(outputs.hasMp4 !== undefined ? { hasMp4: outputs.hasMp4 } : {}),
  };
  if (recording.material) {
    await db.material.update({ where: { id: recording.material.id }, data: update });
    return recording.material.id;
  }
  const event = recording.event;
  // An upload's material is made by web with the recording; a recording without one needs an event.
  if (!event) throw new Error(`recording ${recordingId} has neither a material nor an event`);
  const create = {
    recordingId,
    title: event.title,
    subject: event.course?.subject ?? null,
    grade: event.course?.grade ?? null,
    visibility: event.kind === "CLASS" ? ("ENROLLED" as const) : ("INTERNAL" as const),
    ownerId: event.hostId,
    ...update,
  };
  try {
    const material = await db.material.upsert({ where: { recordingId }, create, update, select: { id: true } });
    return material.id;
  } catch (error) {
    // Two finalizers creating at once: the unique index let one in; the other updates it.
    if ((error as { code?: string }).code !== "P2002") throw error;
    const material = await db.material.update({ where: { recordingId }, data: update, select: { id: true } });
    return material.id;
  }
}
