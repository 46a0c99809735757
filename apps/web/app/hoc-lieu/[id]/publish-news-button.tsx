"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";

/** Staff's button that queues the material's article for the news portal (or queues it again after a failure). */
export function PublishNewsButton({ materialId, retry }: { materialId: string; retry: boolean }) {
  const t = useTranslations("news");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const publish = async () => {
    setBusy(true);
    setError(null);
    const result = await sendJson(`/api/materials/${encodeURIComponent(materialId)}/news`, "POST");
    setBusy(false);
    if (!result.ok) setError(errorMessage(result.error));
    else router.refresh();
  };

  return (
    <>
      <button type="button" className="button" onClick={publish} disabled={busy}>
        {retry ? t("retry") : t("publish")}
      </button>
      {error ? (
        <p className="notice" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
