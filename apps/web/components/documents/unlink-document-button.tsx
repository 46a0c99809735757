"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";

export function UnlinkDocumentButton({ url }: { url: string }) {
  const t = useTranslations("documents");
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button--small"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const result = await sendJson(url, "DELETE");
          setPending(false);
          if (result.ok) router.refresh();
          else setError(errorMessage(result.error));
        }}
      >
        {pending ? t("removing") : t("remove")}
      </button>
      {error && <span role="alert"> {error}</span>}
    </>
  );
}
