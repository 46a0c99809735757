import { Prisma } from "@diemcau/db";
import { attachmentKey } from "@diemcau/protocol";
import { searchMaterials } from "@diemcau/search";
import { describe, expect, it } from "vitest";
import { extractAttachment } from "./extract-attachment";
import { useJobTestBed } from "./testing/job-test-bed";
import { textPdf } from "./testing/text-pdf";

describe("extractAttachment: an attached PDF's text becomes searchable (pdftotext, real PostgreSQL)", () => {
  const bed = useJobTestBed("diemcau-attachment-");

  async function attach(materialId: string, file: Buffer) {
    const attachment = await bed.db.materialAttachment.create({ data: { materialId, fileName: "ke-hoach.pdf", storageKey: "pending", sizeBytes: file.length } });
    const storageKey = attachmentKey(materialId, attachment.id);
    await bed.local.put(storageKey, file);
    await bed.db.materialAttachment.update({ where: { id: attachment.id }, data: { storageKey } });
    return attachment.id;
  }

  it("reads the text, and search finds the material by it", async () => {
    const owner = await bed.db.user.create({ data: { email: "gv@test.local", name: "GV", passwordHash: "x", role: "TEACHER" } });
    const material = await bed.db.material.create({ data: { title: "Hop to chuyen mon", ownerId: owner.id } });
    const id = await attach(material.id, textPdf(["Ke hoach chuyen doi so nam hoc 2026-2027", "So 1234/SGDDT-VP ngay 02/12/2026"]));
    const search = async (query: string) => (await searchMaterials(bed.db, { query, visible: Prisma.sql`TRUE` })).items.map((item) => item.id);

    expect(await search("chuyen doi so")).toEqual([]); // not until the job has read it
    expect(await extractAttachment({ db: bed.db, media: bed.local }, { attachmentId: id })).toMatchObject({ extracted: true });
    expect(await bed.db.materialAttachment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "READY" });
    expect(await search("chuyen doi so")).toEqual([material.id]);
    expect(await search("1234/SGDĐT-VP")).toEqual([material.id]);
  });

  it("marks a file pdftotext cannot read as failed, for good", async () => {
    const owner = await bed.db.user.create({ data: { email: "gv2@test.local", name: "GV", passwordHash: "x", role: "TEACHER" } });
    const material = await bed.db.material.create({ data: { title: "Bai 2", ownerId: owner.id } });
    const id = await attach(material.id, Buffer.from("%PDF-1.4\nnot really a pdf"));
    expect(await extractAttachment({ db: bed.db, media: bed.local }, { attachmentId: id })).toEqual({ extracted: false, chars: 0 });
    expect(await bed.db.materialAttachment.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", errorCode: "ATTACHMENT_UNREADABLE" });
  });
});
