"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { sendForm } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";

export interface TAttachmentRow {
  id: string;
  fileName: string;
  status: "PENDING" | "READY" | "FAILED";
}

/** Documents attached to a material (PDF): the list with each one's state, and an upload form. */
export function AttachmentForm({ materialId, attachments }: { materialId: string; attachments: TAttachmentRow[] }) {
  const t = useTranslations("materials.attachments");
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    setSending(true);
    setError(null);
    const result = await sendForm<{ attachmentId: string }>(`/api/materials/${materialId}/attachments`, new FormData(formElement));
    setSending(false);
    if (!result.ok) return setError(errorMessage(result.error));
    formElement.reset();
    router.refresh();
  }

  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t("title")}</h2>
      <p className="muted">{t("help")}</p>
      {attachments.length > 0 ? (
        <ul data-testid="attachments">
          {attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={`/api/materials/${materialId}/attachments/${attachment.id}`}>{attachment.fileName}</a> — {t(`status.${attachment.status}`)}
            </li>
          ))}
        </ul>
      ) : null}
      <form className="inline-form" onSubmit={submit}>
        <label className="field">
          {t("file")}
          <input type="file" name="file" accept="application/pdf,.pdf" required />
        </label>
        <button className="button button--small" type="submit" disabled={sending}>
          {sending ? t("sending") : t("submit")}
        </button>
      </form>
      {error ? (
        <p className="form__error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
