"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { sendJson } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";

/** Asks the worker to finalize a failed recording again; the alert refreshes when it is queued. */
export function RetryFinalizeButton({ recordingId }: { recordingId: string }) {
  const t = useTranslations("materials.alerts");
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [state, setState] = useState<{ pending: boolean; queued: boolean; error: string | null }>({ pending: false, queued: false, error: null });
  return (
    <>
      {" "}
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={state.pending || state.queued}
        onClick={async () => {
          setState({ pending: true, queued: false, error: null });
          const result = await sendJson(`/api/recordings/${encodeURIComponent(recordingId)}/finalize`, "POST");
          setState({ pending: false, queued: result.ok, error: result.ok ? null : errorMessage(result.error) });
          if (result.ok) router.refresh();
        }}
      >
        {state.queued ? t("retryQueued") : t("retry")}
      </button>
      {state.error ? <span role="alert"> {state.error}</span> : null}
    </>
  );
}
