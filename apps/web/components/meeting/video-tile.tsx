"use client";

import { memo, useEffect, useRef } from "react";
import { Icon } from "./icons";

type Props = {
  track: MediaStreamTrack | null;
  label: string;
  sublabel?: string;
  mirrored?: boolean;
  speaking?: boolean;
  muted?: boolean;
  handRaised?: boolean;
  kind?: "camera" | "screen";
  testId?: string;
  /** Reports the drawn size so the server can pick the simulcast layer. */
  onResize?: (width: number, height: number) => void;
};

/**
 * One person's (or one screen's) picture with a name label; a placeholder while there is no video.
 * Memoized: the stage re-renders at every roster change, and a tile only needs to when its own
 * person does (its props are plain values, the track, and a reporter kept per consumer).
 */
export const VideoTile = memo(function VideoTile({ track, label, sublabel, mirrored, speaking, muted, handRaised, kind = "camera", testId, onResize }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = track ? new MediaStream([track]) : null;
    if (track) void video.play().catch(() => undefined);
  }, [track]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !onResize) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) onResize(entry.contentRect.width * devicePixelRatio, entry.contentRect.height * devicePixelRatio);
    });
    observer.observe(video);
    return () => {
      observer.disconnect();
      onResize(0, 0);
    };
  }, [onResize]);

  const initials = label
    .split(/\s+/)
    .slice(-2)
    .map((w) => w[0])
    .join("")
    .toUpperCase();
  return (
    <figure className={`tile tile--${kind}${speaking ? " tile--speaking" : ""}`} data-testid={testId}>
      <video ref={videoRef} autoPlay playsInline muted className={mirrored ? "tile__video tile__video--mirrored" : "tile__video"} hidden={!track} />
      {!track && (
        <div className="tile__placeholder" aria-hidden="true">
          {initials}
        </div>
      )}
      <figcaption className="tile__label">
        {handRaised && <Icon name="hand" />}
        {muted && <Icon name="micOff" />}
        <span>{label}</span>
        {sublabel && <span className="tile__sublabel"> · {sublabel}</span>}
      </figcaption>
    </figure>
  );
});

/** Plays one remote audio track; audio elements are kept out of the layout. */
export const RemoteAudio = memo(function RemoteAudio({ track }: { track: MediaStreamTrack }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    ref.current.srcObject = new MediaStream([track]);
    void ref.current.play().catch(() => undefined);
  }, [track]);
  return <audio ref={ref} autoPlay />;
});
