"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
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

export function MaterialForm({ materialId, initial }: { materialId: string; initial: TMaterialUpdate }) {
  const t = useTranslations("materials");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const errorMessage = useErrorMessage();
  const [saving, setSaving] = useState(false);

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
          name="chapters"
          rows={5}
          placeholder={"00:00 Mở đầu\n05:30 Ví dụ"}
          defaultValue={initial.chapters.map((c) => `${clock(c.startSec)} ${c.title}`).join("\n")}
        />
      </label>
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
