"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { sendFile } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";

/** Uploads a WebVTT or SRT file as the material's captions; a refused file's error names its line. */
export function CaptionsUploadForm({ materialId }: { materialId: string }) {
  const t = useTranslations("materials.captionsForm");
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("captions");
    if (!(file instanceof File) || file.size === 0) return;
    setSending(true);
    setMessage(null);
    const result = await sendFile<{ cues: number }>(`/api/materials/${encodeURIComponent(materialId)}/captions?filename=${encodeURIComponent(file.name)}`, file);
    setSending(false);
    if (!result.ok) return setMessage({ ok: false, text: errorMessage(result.error) });
    setMessage({ ok: true, text: t("uploaded", { cues: result.data.cues }) });
    router.refresh();
  }

  return (
    <section id="phu-de" aria-labelledby="captions-title">
      <h2 id="captions-title">{t("title")}</h2>
      <p className="muted">{t("help")}</p>
      <form className="form" onSubmit={submit}>
        <label className="field">
          {t("file")}
          <input name="captions" type="file" accept=".vtt,.srt,text/vtt,application/x-subrip" required />
        </label>
        {message ? (
          <p className={message.ok ? "muted" : "notice"} role={message.ok ? "status" : "alert"} data-testid="captions-result">
            {message.text}
          </p>
        ) : null}
        <button className="button" type="submit" disabled={sending}>
          {t("submit")}
        </button>
      </form>
    </section>
  );
}
