import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "@diemcau/db";
import { LocalDiskStorage } from "@diemcau/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { attachDocument } from "./attach-document";

describe("attachDocument (real PostgreSQL, local disk)", () => {
  let database: TestDatabase;
  let db: Db;
  let root: string;
  let storage: LocalDiskStorage;
  const queued: string[] = [];
  let materialId: string;
  let owner: { id: string; role: "TEACHER" };
  let other: { id: string; role: "TEACHER" };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    root = await mkdtemp(join(tmpdir(), "diemcau-attach-"));
    storage = new LocalDiskStorage(root);
    const make = async (email: string) => ({ id: (await db.user.create({ data: { email, name: email, passwordHash: "x", role: "TEACHER" } })).id, role: "TEACHER" as const });
    owner = await make("gv.lan@test.local");
    other = await make("gv.hung@test.local");
    materialId = (await db.material.create({ data: { title: "Bài 1", ownerId: owner.id } })).id;
  }, 240_000);
  afterAll(async () => {
    await database?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const deps = () => ({ db, storage, enqueueExtract: async ({ attachmentId }: { attachmentId: string }) => queued.push(attachmentId) });
  const form = (bytes: string, name = "ke-hoach.pdf") => {
    const data = new FormData();
    data.set("file", new File([bytes], name, { type: "application/pdf" }));
    return data;
  };

  it("stores an editor's PDF beside the media and queues its text extraction", async () => {
    const { attachmentId } = await attachDocument(deps(), materialId, owner, form("%PDF-1.4\n…"));
    const row = await db.materialAttachment.findUniqueOrThrow({ where: { id: attachmentId } });
    expect(row).toMatchObject({ materialId, fileName: "ke-hoach.pdf", status: "PENDING", storageKey: `materials/${materialId}/attachments/${attachmentId}.pdf` });
    expect(await storage.stat(row.storageKey)).not.toBeNull();
    expect(queued).toEqual([attachmentId]);
  });

  it("refuses what is not a PDF, an empty form, and anyone who may not edit the material", async () => {
    await expect(attachDocument(deps(), materialId, owner, form("<html>"))).rejects.toMatchObject({ code: "ATTACHMENT_NOT_PDF", field: "file" });
    await expect(attachDocument(deps(), materialId, owner, new FormData())).rejects.toMatchObject({ code: "ATTACHMENT_EMPTY" });
    await expect(attachDocument(deps(), materialId, other, form("%PDF-1.4"))).rejects.toMatchObject({ code: "MATERIAL_EDIT_FORBIDDEN", status: 403 });
    await expect(attachDocument(deps(), "missing", owner, form("%PDF-1.4"))).rejects.toMatchObject({ code: "MATERIAL_NOT_FOUND" });
    expect(queued).toHaveLength(1);
  });
});
