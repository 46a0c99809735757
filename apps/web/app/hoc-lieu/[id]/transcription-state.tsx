"use client";

import { Link } from "@/components/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import styles from "./player.module.css";

interface TTranscription {
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED" | null;
  progress: number;
  error: string | null;
}

/**
 * The automatic transcript's state under the player: its progress while the engine works (the
 * page reloads when it is done), or, when no engine ever ran and nobody uploaded captions, a
 * plain statement that automatic transcripts are off, with the way to upload captions.
 */
export function TranscriptionState({ materialId, hasSpeech, finished, canEdit, initial }: { materialId: string; hasSpeech: boolean; finished: boolean; canEdit: boolean; initial: TTranscription }) {
  const t = useTranslations("materials.transcription");
  const router = useRouter();
  const [state, setState] = useState(initial);
  const working = state.status === "QUEUED" || state.status === "RUNNING";

  useEffect(() => {
    if (!working) return;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/materials/${encodeURIComponent(materialId)}`, { cache: "no-store" }).catch(() => null);
      if (!response?.ok) return;
      const next = ((await response.json()) as { transcription: TTranscription }).transcription;
      setState(next);
      if (next.status === "DONE") router.refresh();
    }, 3000);
    return () => clearInterval(timer);
  }, [materialId, working, router]);

  if (state.status === "FAILED") return <p className="notice">{t("failed", { reason: state.error ?? "" })}</p>;
  if (working) {
    return (
      <div role="status">
        <p>{state.status === "QUEUED" ? t("queued") : t("running", { progress: state.progress })}</p>
        <progress className={styles.progress} max={100} value={state.progress} aria-label={t("label")} data-testid="transcription-progress" />
      </div>
    );
  }
  if (state.status === null && !hasSpeech && finished) {
    return (
      <p className="muted" data-testid="transcription-off">
        {t("off")}{" "}
        {canEdit ? <Link href={`/hoc-lieu/${materialId}/sua#phu-de`}>{t("uploadLink")}</Link> : null}
      </p>
    );
  }
  return null;
}
