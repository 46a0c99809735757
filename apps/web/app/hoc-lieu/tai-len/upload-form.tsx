"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { type TShownError, useErrorMessage } from "@/lib/errors/use-error-message";

function formatSize(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** Sends the file as the raw request body (streamed to disk by the server) with upload progress. */
export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations("materials");
  const router = useRouter();
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorMessage = useErrorMessage();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setError(t("upload.file"));
    const query = new URLSearchParams({
      title: String(form.get("title") ?? ""),
      filename: file.name,
      subject: String(form.get("subject") ?? ""),
      grade: String(form.get("grade") ?? ""),
    });
    const request = new XMLHttpRequest();
    request.open("POST", `/api/materials/upload?${query}`);
    request.upload.onprogress = (progress) => setPercent(progress.lengthComputable ? Math.round((progress.loaded / progress.total) * 100) : null);
    request.onerror = () => {
      setPercent(null);
      setError(t("networkError"));
    };
    request.onload = () => {
      setPercent(null);
      const body = JSON.parse(request.responseText || "{}") as { materialId?: string; error?: TShownError };
      if (request.status === 201 && body.materialId) router.push(`/hoc-lieu/${body.materialId}`);
      else setError(body.error ? errorMessage(body.error) : t("networkError"));
    };
    setError(null);
    setPercent(0);
    request.send(file);
  }

  return (
    <form className="form" onSubmit={submit}>
      <label className="field">
        {t("fields.title")}
        <input name="title" required maxLength={200} />
      </label>
      <label className="field">
        {t("fields.subject")}
        <input name="subject" />
      </label>
      <label className="field">
        {t("fields.grade")}
        <input name="grade" type="number" min={1} max={12} />
      </label>
      <label className="field">
        {t("upload.file")}
        <input name="file" type="file" accept="video/*" required />
        <span className="muted">{t("upload.maxSize", { size: formatSize(maxBytes) })}</span>
      </label>
      {error ? (
        <p className="notice" role="alert">
          {error}
        </p>
      ) : null}
      {percent !== null ? (
        <p role="status">
          {t("upload.uploading", { percent })} <progress max={100} value={percent} />
        </p>
      ) : null}
      <button className="button" type="submit" disabled={percent !== null}>
        {t("upload.submit")}
      </button>
    </form>
  );
}
