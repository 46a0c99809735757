"use client";

import Hls from "hls.js";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import styles from "./embed.module.css";

export interface TEmbedPlayerProps {
  title: string;
  materialUrl: string;
  playlistUrl: string;
  posterUrl: string | null;
  captionsUrl: string | null;
  trimStartSec: number | null;
  trimEndSec: number | null;
}

/**
 * The embed's player: hls.js (the browser's own HLS where there is no MSE), captions, the trim
 * window, and nothing else. Portals such as WordPress sandbox the iframe without same-origin, so
 * every request is cross-origin: the video fetches in CORS mode (the media routes allow it for
 * anonymous viewers), and nothing here touches cookies or storage.
 */
export function EmbedPlayer(props: TEmbedPlayerProps) {
  const t = useTranslations("news.embed");
  const videoRef = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const { playlistUrl, trimStartSec, trimEndSec } = props;

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const start = trimStartSec ?? 0;
    if (Hls.isSupported()) {
      const hls = new Hls({ startPosition: start > 0 ? start : -1 });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.fatal) setError(t("error"));
      });
      hls.loadSource(playlistUrl);
      hls.attachMedia(video);
      return () => hls.destroy();
    }
    if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = playlistUrl;
      if (start > 0) video.addEventListener("loadedmetadata", () => (video.currentTime = start), { once: true });
    } else setError(t("unsupported"));
  }, [playlistUrl, trimStartSec, t]);

  const stopAtTrimEnd = () => {
    const video = videoRef.current;
    if (video && trimEndSec !== null && video.currentTime >= trimEndSec) {
      video.pause();
      video.currentTime = trimEndSec;
    }
  };

  return (
    <div className={styles.frame}>
      <video
        ref={videoRef}
        className={styles.video}
        controls
        playsInline
        preload="metadata"
        crossOrigin="anonymous"
        poster={props.posterUrl ?? undefined}
        onTimeUpdate={stopAtTrimEnd}
        aria-label={props.title}
        data-testid="embed-video"
      >
        {props.captionsUrl ? <track kind="captions" src={props.captionsUrl} srcLang="vi" label={t("captions")} default /> : null}
      </video>
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
      <p className={styles.caption}>
        <a href={props.materialUrl} target="_blank" rel="noopener">
          {props.title}
        </a>
      </p>
    </div>
  );
}
