"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/api/send-json";
import styles from "./event.module.css";
import { useErrorMessage } from "@/lib/errors/use-error-message";

export function CancelEventButton({ eventId, label, confirmText, pendingLabel }: { eventId: string; label: string; confirmText: string; pendingLabel: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorMessage = useErrorMessage();
  return (
    <>
      <button
        type="button"
        className={`button ${styles.danger}`}
        disabled={pending}
        onClick={async () => {
          if (!window.confirm(confirmText)) return;
          setPending(true);
          const result = await sendJson(`/api/events/${eventId}/cancel`, "POST");
          setPending(false);
          if (result.ok) router.refresh();
          else setError(errorMessage(result.error));
        }}
      >
        {pending ? pendingLabel : label}
      </button>
      {error && (
        <p role="alert" className="form__error">
          {error}
        </p>
      )}
    </>
  );
}
