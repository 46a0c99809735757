"use client";

import Hls, { type Level } from "hls.js";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { parseThumbnailTrack, type TThumbnailCue } from "./thumbnail-track";
import { TranscriptPanel, type TPanelLine } from "./transcript-panel";
import styles from "./player.module.css";

export interface TMaterialPlayerProps {
  playlistUrl: string;
  posterUrl: string | null;
  captionsUrl: string | null;
  chaptersUrl: string | null;
  thumbnailsUrl: string | null;
  chapters: { startSec: number; title: string }[];
  startAt: number | null;
  trimStartSec: number | null;
  trimEndSec: number | null;
  /** Speech and slide lines in time order; the panel is shown when there are any. */
  transcript: TPanelLine[];
}

const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];

/**
 * hls.js where Media Source Extensions exist, the browser's own HLS elsewhere (Safari, iOS).
 * Every time it takes is on the served clip's timeline (the media route serves only the trim
 * window's segments; the page moves recording times onto the clip). Playback stays inside
 * trimStart..trimEnd, which the segment edges can leave a little wider than the window.
 */
export function MaterialPlayer(props: TMaterialPlayerProps) {
  const t = useTranslations("materials.player");
  const videoRef = useRef<HTMLVideoElement>(null);
  const hlsRef = useRef<Hls | null>(null);
  const [levels, setLevels] = useState<Level[]>([]);
  const [level, setLevel] = useState(-1);
  const [speed, setSpeed] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [thumbs, setThumbs] = useState<TThumbnailCue[]>([]);
  const [duration, setDuration] = useState(0);
  const [current, setCurrent] = useState(0);
  const [hover, setHover] = useState<{ x: number; time: number } | null>(null);
  const { playlistUrl, startAt, trimStartSec, trimEndSec, thumbnailsUrl } = props;

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const first = Math.max(startAt ?? 0, trimStartSec ?? 0);
    const seekFirst = () => {
      if (first > 0) video.currentTime = first;
    };
    video.addEventListener("loadedmetadata", seekFirst, { once: true });
    if (Hls.isSupported()) {
      const hls = new Hls({ startPosition: first > 0 ? first : -1 });
      hlsRef.current = hls;
      hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => setLevels(data.levels));
      hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => {
        video.dataset.level = String(data.level);
      });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.fatal) setError(t("error"));
      });
      hls.loadSource(playlistUrl);
      hls.attachMedia(video);
      return () => {
        hls.destroy();
        hlsRef.current = null;
        video.removeEventListener("loadedmetadata", seekFirst);
      };
    }
    if (video.canPlayType("application/vnd.apple.mpegurl")) video.src = playlistUrl;
    else setError(t("unsupported"));
    return () => video.removeEventListener("loadedmetadata", seekFirst);
  }, [playlistUrl, startAt, trimStartSec, t]);

  useEffect(() => {
    if (!thumbnailsUrl) return;
    const url = new URL(thumbnailsUrl, window.location.href).toString();
    fetch(url)
      .then((response) => (response.ok ? response.text() : ""))
      .then((text) => setThumbs(parseThumbnailTrack(text, url)))
      .catch(() => setThumbs([]));
  }, [thumbnailsUrl]);

  const onTimeUpdate = () => {
    const video = videoRef.current;
    if (!video) return;
    setCurrent(video.currentTime);
    if (trimEndSec !== null && video.currentTime >= trimEndSec) {
      video.pause();
      video.currentTime = trimEndSec;
    }
  };

  const chooseLevel = (value: number) => {
    setLevel(value);
    if (hlsRef.current) hlsRef.current.currentLevel = value;
  };

  const chooseSpeed = (value: number) => {
    setSpeed(value);
    if (videoRef.current) videoRef.current.playbackRate = value;
  };

  const seek = (time: number) => {
    const video = videoRef.current;
    if (!video) return;
    video.currentTime = Math.max(trimStartSec ?? 0, trimEndSec !== null ? Math.min(time, trimEndSec) : time);
    void video.play().catch(() => undefined);
  };

  const timeAt = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const ratio = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    return { x: event.clientX - box.left, time: ratio * duration };
  };
  const thumb = hover ? thumbs.find((cue) => hover.time >= cue.start && hover.time < cue.end) : undefined;

  return (
    <div className={`${styles.layout} ${props.transcript.length > 0 ? styles.withTranscript : ""}`}>
    <div className={styles.player}>
      <video
        ref={videoRef}
        className={styles.video}
        controls
        playsInline
        preload="metadata"
        poster={props.posterUrl ?? undefined}
        onTimeUpdate={onTimeUpdate}
        onDurationChange={(event) => setDuration(Number.isFinite(event.currentTarget.duration) ? event.currentTarget.duration : 0)}
        data-testid="material-video"
      >
        {props.captionsUrl ? <track kind="captions" src={props.captionsUrl} srcLang="vi" label={t("captions")} /> : null}
        {props.chaptersUrl ? <track kind="chapters" src={props.chaptersUrl} srcLang="vi" label={t("chapters")} /> : null}
      </video>
      {error ? <p className="notice" role="alert">{error}</p> : null}
      {duration > 0 ? (
        <div
          className={styles.scrubber}
          role="slider"
          aria-label={t("seek")}
          aria-valuemin={0}
          aria-valuemax={Math.round(duration)}
          aria-valuenow={Math.round(current)}
          tabIndex={0}
          onMouseMove={(event) => setHover(timeAt(event))}
          onMouseLeave={() => setHover(null)}
          onClick={(event) => seek(timeAt(event).time)}
          onKeyDown={(event) => {
            if (event.key === "ArrowRight") seek(current + 5);
            if (event.key === "ArrowLeft") seek(current - 5);
          }}
        >
          <div className={styles.scrubberFill} style={{ width: `${(current / duration) * 100}%` }} />
          {hover ? (
            <div className={styles.preview} style={{ left: hover.x }}>
              {thumb?.tile ? (
                <div
                  className={styles.previewImage}
                  style={{
                    width: thumb.tile.w,
                    height: thumb.tile.h,
                    backgroundImage: `url(${thumb.url})`,
                    backgroundPosition: `-${thumb.tile.x}px -${thumb.tile.y}px`,
                  }}
                />
              ) : null}
              <span>{formatClock(hover.time)}</span>
            </div>
          ) : null}
        </div>
      ) : null}
      <div className={styles.controls}>
        {levels.length > 1 ? (
          <label>
            {t("quality")}{" "}
            <select value={level} onChange={(event) => chooseLevel(Number(event.target.value))} data-testid="quality">
              <option value={-1}>{t("auto")}</option>
              {levels.map((item, index) => (
                <option key={`${item.url[0] ?? index}`} value={index}>
                  {item.name && !/^\d+$/.test(item.name) ? item.name : `${item.height}p`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t("speed")}{" "}
          <select value={speed} onChange={(event) => chooseSpeed(Number(event.target.value))}>
            {SPEEDS.map((value) => (
              <option key={value} value={value}>
                {value}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {props.chapters.length > 0 ? (
        <nav aria-label={t("chapters")}>
          <ol className={styles.chapters}>
            {props.chapters.map((chapter) => (
              <li key={`${chapter.startSec}-${chapter.title}`}>
                <button type="button" className="button button--secondary button--small" onClick={() => seek(chapter.startSec)}>
                  {formatClock(chapter.startSec)} — {chapter.title}
                </button>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
    </div>
    {props.transcript.length > 0 ? <TranscriptPanel lines={props.transcript} currentTime={current} onSeek={seek} formatTime={formatClock} /> : null}
    </div>
  );
}

export function formatClock(totalSeconds: number): string {
  const s = Math.floor(totalSeconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h > 0 ? 2 : 1, "0");
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
