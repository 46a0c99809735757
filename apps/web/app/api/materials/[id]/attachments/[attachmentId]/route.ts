import { prisma } from "@diemcau/db";
import type { NextRequest } from "next/server";
import { catchAppError } from "@/lib/api/to-api-response";
import { getCurrentUser } from "@/lib/auth/require-user";
import { AppError } from "@/lib/errors/app-error";
import { requireViewableMaterial } from "@/lib/materials/material-access";
import { serveStorageFile } from "@/lib/materials/serve-storage-file";
import { getMediaStorage } from "@/lib/recordings/media-storage";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string; attachmentId: string }> };

/** A material's attached document, for those who may watch the material. */
export async function GET(request: NextRequest, { params }: TContext): Promise<Response> {
  const { id, attachmentId } = await params;
  return catchAppError(async () => {
    await requireViewableMaterial(prisma, id, await getCurrentUser());
    const attachment = await prisma.materialAttachment.findFirst({ where: { id: attachmentId, materialId: id }, select: { storageKey: true, fileName: true } });
    if (!attachment) throw new AppError("ATTACHMENT_NOT_FOUND", "Không tìm thấy tài liệu đính kèm.", 404);
    return serveStorageFile(request, getMediaStorage().media, attachment.storageKey, { cacheControl: "private, no-cache", downloadName: attachment.fileName });
  });
}
