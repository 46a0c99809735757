"use client";

import { mediaErrorFrom, type TCaptureSize } from "@diemcau/room-client";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { DeviceToggle } from "./device-toggle";
import { VideoTile } from "./video-tile";

/** The preview's tracks when ready; otherwise the room captures the chosen devices itself. */
export type TPreJoinChoice = {
  mic: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  micOn: boolean;
  cameraOn: boolean;
  micId: string;
  cameraId: string;
  guestName?: string;
};

type Props = {
  title: string;
  displayName: string | null;
  capture: TCaptureSize;
  error: string | null;
  joining: boolean;
  /** False while the connection is being prepared; joining waits for it. */
  ready: boolean;
  /** A student in a lesson: the microphone and camera start off, and it raises its hand to speak. */
  askToSpeak: boolean;
  onJoin: (choice: TPreJoinChoice) => void;
};

/** Preview before entering: see yourself, pick the camera and microphone, choose what is on. */
export function PreJoin({ title, displayName, capture, error, joining, ready, askToSpeak, onJoin }: Props) {
  const t = useTranslations("meeting");
  const tPrejoin = useTranslations("prejoin");
  const tb = useTranslations("bigClass");
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [micId, setMicId] = useState<string>("");
  const [cameraId, setCameraId] = useState<string>("");
  const [micOn, setMicOn] = useState(!askToSpeak);
  const [cameraOn, setCameraOn] = useState(!askToSpeak);
  const [camera, setCamera] = useState<MediaStreamTrack | null>(null);
  const [mic, setMic] = useState<MediaStreamTrack | null>(null);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const [guestName, setGuestName] = useState("");
  const handedOver = useRef(new Set<MediaStreamTrack>());

  const acquire = useCallback(
    async (kind: "audio" | "video", deviceId: string) => {
      try {
        const stream = await navigator.mediaDevices.getUserMedia(
          kind === "audio"
            ? { audio: deviceId ? { deviceId: { exact: deviceId } } : true }
            : {
                video: {
                  width: { ideal: capture.width },
                  height: { ideal: capture.height },
                  frameRate: { ideal: capture.frameRate },
                  ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
                },
              },
        );
        const track = stream.getTracks()[0] ?? null;
        if (kind === "audio") setMic((old) => (old?.stop(), track));
        else setCamera((old) => (old?.stop(), track));
        setMediaError(null);
        setDevices(await navigator.mediaDevices.enumerateDevices());
      } catch (failure) {
        setMediaError(mediaErrorFrom(failure).message);
        if (kind === "video") setCameraOn(false);
      }
    },
    [capture],
  );

  useEffect(() => {
    void acquire("audio", micId);
  }, [acquire, micId]);
  useEffect(() => {
    if (cameraOn) void acquire("video", cameraId);
    else setCamera((old) => (old?.stop(), null));
  }, [acquire, cameraId, cameraOn]);

  // Tracks not handed to the room (including one that arrived after joining) are released with the preview.
  const latest = useRef({ mic, camera });
  latest.current = { mic, camera };
  useEffect(
    () => () => {
      for (const track of [latest.current.mic, latest.current.camera]) if (track && !handedOver.current.has(track)) track.stop();
    },
    [],
  );

  const needsName = displayName === null;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (needsName && !guestName.trim()) return;
    const chosenCamera = cameraOn ? camera : null;
    for (const track of [mic, chosenCamera]) if (track) handedOver.current.add(track);
    onJoin({ mic, camera: chosenCamera, micOn, cameraOn, micId, cameraId, guestName: needsName ? guestName.trim() : undefined });
  };

  const inputs = devices.filter((d) => d.kind === "audioinput");
  const cameras = devices.filter((d) => d.kind === "videoinput");
  return (
    <form className="prejoin" onSubmit={submit} aria-labelledby="prejoin-title">
      <h1 id="prejoin-title">{title}</h1>
      <div className="prejoin__preview">
        <VideoTile track={cameraOn ? camera : null} label={displayName ?? (guestName || t("you"))} mirrored muted={!micOn} testId="preview" />
      </div>
      <div className="prejoin__controls">
        {needsName && (
          <div className="field">
            <label htmlFor="guest-name">{t("guestName")}</label>
            <input id="guest-name" value={guestName} onChange={(e) => setGuestName(e.target.value)} maxLength={80} required autoComplete="name" />
          </div>
        )}
        <div className="field">
          <label htmlFor="mic-select">{t("microphone")}</label>
          <select id="mic-select" value={micId} onChange={(e) => setMicId(e.target.value)}>
            <option value="">{t("defaultDevice")}</option>
            {inputs.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `${t("microphone")} ${i + 1}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="camera-select">{t("camera")}</label>
          <select id="camera-select" value={cameraId} onChange={(e) => setCameraId(e.target.value)}>
            <option value="">{t("defaultDevice")}</option>
            {cameras.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `${t("camera")} ${i + 1}`}
              </option>
            ))}
          </select>
        </div>
        {askToSpeak && (
          <p className="muted" data-testid="ask-to-speak-hint">
            {tb("preJoinHint")}
          </p>
        )}
        <div className="prejoin__toggles">
          <DeviceToggle device="mic" on={micOn} onToggle={() => setMicOn(!micOn)} />
          <DeviceToggle device="camera" on={cameraOn} onToggle={() => setCameraOn(!cameraOn)} />
        </div>
        {(mediaError ?? error) && (
          <p className="alert" role="alert">
            {error ?? mediaError}
          </p>
        )}
        <button type="submit" className="button button--big" disabled={joining || !ready} aria-busy={!ready}>
          {joining ? t("joining") : ready ? t("join") : tPrejoin("preparing")}
        </button>
      </div>
    </form>
  );
}
