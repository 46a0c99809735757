"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import styles from "./player.module.css";

interface TStatus {
  status: "RECORDING" | "PROCESSING" | "READY" | "FAILED" | null;
  progress: number;
  playlistPath: string | null;
  error: string | null;
}

/** Polls the material's processing state; reloads the page when a better playlist or the end arrives. */
export function ProcessingProgress({ materialId, initial }: { materialId: string; initial: TStatus }) {
  const t = useTranslations("materials.processing");
  const router = useRouter();
  const [state, setState] = useState(initial);

  useEffect(() => {
    if (state.status === "READY" || state.status === "FAILED") return;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/materials/${encodeURIComponent(materialId)}`, { cache: "no-store" }).catch(() => null);
      if (!response?.ok) return;
      const next = (await response.json()) as TStatus;
      setState(next);
      if (next.playlistPath !== initial.playlistPath || next.status === "READY") router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [materialId, state.status, initial.playlistPath, router]);

  if (state.status === "READY") return null;
  if (state.status === "FAILED") return <p className="notice" role="alert">{t("failed", { reason: state.error ?? "" })}</p>;
  return (
    <div role="status">
      <p>{state.status === "RECORDING" ? t("recording") : t("processing", { progress: state.progress })}</p>
      <progress className={styles.progress} max={100} value={state.progress} aria-label={t("label")} data-testid="processing-progress" />
    </div>
  );
}
