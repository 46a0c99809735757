import { randomUUID } from "node:crypto";
import type { Db } from "@diemcau/db";
import { attachmentKey, type TMaterialExtractAttachmentJob } from "@diemcau/protocol";
import type { Storage } from "@diemcau/storage";
import { AppError } from "../errors/app-error";
import { canEditMaterial, materialNotFound, type TAccessViewer } from "./material-access";

/** Largest attached document: a dispatch, a lesson plan or a handout, not a book of scans. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const PDF_MAGIC = "%PDF-";

export function attachmentTooLarge(): AppError {
  return new AppError("ATTACHMENT_TOO_LARGE", "Tệp quá lớn. Dung lượng tối đa 20 MB.", 413, "file", [], { max: "20 MB" });
}

export interface TAttachDeps {
  db: Db;
  storage: Storage;
  enqueueExtract: (job: TMaterialExtractAttachmentJob) => Promise<unknown>;
}

/**
 * POST /api/materials/<id>/attachments (form field "file"): an editor attaches a PDF; it is stored
 * beside the material's media, and the material.extract-attachment job reads its text for search.
 */
export async function attachDocument(deps: TAttachDeps, materialId: string, viewer: TAccessViewer, form: FormData): Promise<{ attachmentId: string }> {
  const material = await deps.db.material.findUnique({ where: { id: materialId }, select: { ownerId: true } });
  if (!material) throw materialNotFound();
  if (!canEditMaterial(material, viewer)) throw new AppError("MATERIAL_EDIT_FORBIDDEN", "Chỉ người tạo học liệu và cán bộ Sở được chỉnh sửa học liệu này.", 403);
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("ATTACHMENT_EMPTY", "Chưa chọn tệp PDF.", 400, "file");
  if (file.size > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge();
  const bytes = Buffer.from(await file.arrayBuffer());
  if (bytes.subarray(0, PDF_MAGIC.length).toString("latin1") !== PDF_MAGIC) {
    throw new AppError("ATTACHMENT_NOT_PDF", "Tệp đính kèm phải là PDF.", 400, "file");
  }
  const id = randomUUID();
  const storageKey = attachmentKey(materialId, id);
  await deps.storage.put(storageKey, bytes, { contentType: "application/pdf" });
  await deps.db.materialAttachment.create({ data: { id, materialId, fileName: file.name.slice(0, 200) || "tai-lieu.pdf", storageKey, sizeBytes: bytes.length } });
  await deps.enqueueExtract({ attachmentId: id });
  return { attachmentId: id };
}
