import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/require-user";
import { getConfig } from "@/lib/config";
import { UploadForm } from "./upload-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("materials.upload"))("title") };
}

export default async function UploadMaterialPage() {
  await requireRole("TEACHER", "STAFF", "ADMIN");
  const t = await getTranslations("materials.upload");
  const maxBytes = getConfig().UPLOAD_MAX_BYTES;
  return (
    <>
      <h1>{t("title")}</h1>
      <UploadForm maxBytes={maxBytes} />
    </>
  );
}
