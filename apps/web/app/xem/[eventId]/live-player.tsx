"use client";

import Hls from "hls.js";
import { useEffect, useRef } from "react";

/** Plays the growing live playlist near its live edge (hls.js, or native HLS on Safari). */
export function LivePlayer({ src }: { src: string }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    if (Hls.isSupported()) {
      const hls = new Hls({ liveSyncDurationCount: 3 });
      hls.loadSource(src);
      hls.attachMedia(video);
      return () => hls.destroy();
    }
    video.src = src;
  }, [src]);
  return (
    <video
      ref={videoRef}
      controls
      autoPlay
      muted
      playsInline
      style={{ width: "100%", maxWidth: 960, aspectRatio: "16 / 9", background: "#000" }}
      data-testid="live-video"
    />
  );
}
