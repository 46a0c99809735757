"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";
import type { TTranscriptLine } from "@/lib/transcript/load-transcript";
import { formatClock } from "../material-player";

/** Every transcript line as a text box; only the lines changed are sent, with the version they were read at. */
export function TranscriptEditor({ materialId, lines, timelineVersion }: { materialId: string; lines: TTranscriptLine[]; timelineVersion: number }) {
  const t = useTranslations("materials.transcriptEditor");
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const changed = lines.filter((line) => texts[line.id] !== undefined && texts[line.id] !== line.text);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (changed.length === 0) return;
    setSaving(true);
    setMessage(null);
    const result = await sendJson(`/api/materials/${encodeURIComponent(materialId)}/transcript`, "PATCH", {
      timelineVersion,
      lines: changed.map((line) => ({ id: line.id, text: texts[line.id] })),
    });
    setSaving(false);
    if (!result.ok) return setMessage({ ok: false, text: errorMessage(result.error) });
    setTexts({});
    setMessage({ ok: true, text: t("saved") });
    router.refresh();
  }

  return (
    <section aria-labelledby="transcript-editor-title">
      <h2 id="transcript-editor-title">{t("title")}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <form className="form" onSubmit={submit}>
          <p className="muted">{t("help")}</p>
          <ol className="transcript-editor">
            {lines.map((line) => (
              <li key={line.id}>
                <label className="field">
                  <span>
                    {formatClock(line.startSec)}
                    {line.edited ? ` (${t("edited")})` : ""}
                  </span>
                  <input
                    value={texts[line.id] ?? line.text}
                    aria-label={t("line", { time: formatClock(line.startSec) })}
                    maxLength={2000}
                    onChange={(event) => setTexts({ ...texts, [line.id]: event.target.value })}
                  />
                </label>
              </li>
            ))}
          </ol>
          {message ? (
            <p className={message.ok ? "muted" : "notice"} role={message.ok ? "status" : "alert"} data-testid="transcript-result">
              {message.text}
            </p>
          ) : null}
          <button className="button" type="submit" disabled={saving || changed.length === 0}>
            {t("save")}
          </button>
        </form>
      )}
    </section>
  );
}
