"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { sendJson } from "@/lib/api/send-json";
import type { TMaterialUpdate } from "@/lib/materials/material-input";
import { parseChapterLines } from "@/lib/materials/material-input";
import { useErrorMessage } from "@/lib/errors/use-error-message";

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

const optionalNumber = (value: FormDataEntryValue | null) => (value === null || String(value).trim() === "" ? null : Number(value));
const optionalText = (value: FormDataEntryValue | null) => (value === null || String(value).trim() === "" ? null : String(value).trim());

/** A slide change the teacher may take as a chapter: its time and the slide's first line. */
export interface TChapterSuggestion {
  startSec: number;
  title: string;
}

export function MaterialForm({ materialId, initial, suggestions }: { materialId: string; initial: TMaterialUpdate; suggestions: TChapterSuggestion[] }) {
  const t = useTranslations("materials");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const errorMessage = useErrorMessage();
  const [saving, setSaving] = useState(false);
  const chaptersRef = useRef<HTMLTextAreaElement>(null);
  const [accepted, setAccepted] = useState<number[]>([]);

  function accept(suggestion: TChapterSuggestion) {
    const box = chaptersRef.current;
    if (!box) return;
    const lines = box.value.split("\n").filter((line) => line.trim());
    const parsed = parseChapterLines([...lines, `${clock(suggestion.startSec)} ${suggestion.title}`].join("\n"));
    // Keeps the list in time order, as the player shows it.
    box.value = "error" in parsed ? [...lines, `${clock(suggestion.startSec)} ${suggestion.title}`].join("\n") : parsed.sort((a, b) => a.startSec - b.startSec).map((c) => `${clock(c.startSec)} ${c.title}`).join("\n");
    setAccepted([...accepted, suggestion.startSec]);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chapters = parseChapterLines(String(form.get("chapters") ?? ""));
    if ("error" in chapters) return setError(chapters.error);
    const body: TMaterialUpdate = {
      title: String(form.get("title") ?? ""),
      description: optionalText(form.get("description")),
      subject: optionalText(form.get("subject")),
      grade: optionalNumber(form.get("grade")),
      tags: String(form.get("tags") ?? "").split(",").map((tag) => tag.trim()).filter(Boolean),
      visibility: String(form.get("visibility")) as TMaterialUpdate["visibility"],
      published: form.get("published") === "on",
      allowDownload: form.get("allowDownload") === "on",
      trimStartSec: optionalNumber(form.get("trimStartSec")),
      trimEndSec: optionalNumber(form.get("trimEndSec")),
      chapters,
      timelineVersion: initial.timelineVersion,
    };
    setSaving(true);
    setError(null);
    const result = await sendJson(`/api/materials/${encodeURIComponent(materialId)}`, "PATCH", body);
    setSaving(false);
    if (!result.ok) return setError(errorMessage(result.error));
    router.push(`/hoc-lieu/${materialId}`);
    router.refresh();
  }

  return (
    <form className="form" onSubmit={submit}>
      <label className="field">
        {t("fields.title")}
        <input name="title" required maxLength={200} defaultValue={initial.title} />
      </label>
      <label className="field">
        {t("fields.description")}
        <textarea name="description" rows={4} defaultValue={initial.description ?? ""} />
      </label>
      <label className="field">
        {t("fields.subject")}
        <input name="subject" defaultValue={initial.subject ?? ""} />
      </label>
      <label className="field">
        {t("fields.grade")}
        <input name="grade" type="number" min={1} max={12} defaultValue={initial.grade ?? ""} />
      </label>
      <label className="field">
        {t("fields.tags")}
        <input name="tags" defaultValue={initial.tags.join(", ")} />
      </label>
      <label className="field">
        {t("fields.visibility")}
        <select name="visibility" defaultValue={initial.visibility}>
          {(["PUBLIC", "INTERNAL", "ENROLLED"] as const).map((v) => (
            <option key={v} value={v}>
              {t(`visibility.${v}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t("fields.trimStart")}
        <input name="trimStartSec" type="number" min={0} step="0.1" defaultValue={initial.trimStartSec ?? ""} />
      </label>
      <label className="field">
        {t("fields.trimEnd")}
        <input name="trimEndSec" type="number" min={0} step="0.1" defaultValue={initial.trimEndSec ?? ""} />
      </label>
      <label className="field">
        {t("fields.chapters")}
        <textarea
          ref={chaptersRef}
          name="chapters"
          rows={5}
          placeholder={"00:00 Mở đầu\n05:30 Ví dụ"}
          defaultValue={initial.chapters.map((c) => `${clock(c.startSec)} ${c.title}`).join("\n")}
        />
      </label>
      {suggestions.length > 0 ? (
        <fieldset className="fieldset" data-testid="chapter-suggestions">
          <legend>{t("slideSuggestions.title")}</legend>
          <p className="muted">{t("slideSuggestions.help")}</p>
          <ul className="suggestions">
            {suggestions.map((suggestion) => (
              <li key={suggestion.startSec}>
                <button type="button" className="button button--secondary button--small" disabled={accepted.includes(suggestion.startSec)} onClick={() => accept(suggestion)}>
                  {accepted.includes(suggestion.startSec) ? t("slideSuggestions.added") : t("slideSuggestions.accept")}
                </button>{" "}
                {clock(suggestion.startSec)} — {suggestion.title}
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <label>
        <input name="allowDownload" type="checkbox" defaultChecked={initial.allowDownload} /> {t("fields.allowDownload")}
      </label>
      <label>
        <input name="published" type="checkbox" defaultChecked={initial.published} /> {t("fields.published")}
      </label>
      {error ? (
        <p className="notice" role="alert">
          {error}
        </p>
      ) : null}
      <button className="button" type="submit" disabled={saving}>
        {t("save")}
      </button>
    </form>
  );
}
