"use client";

import type { TRoomRecording } from "@diemcau/protocol";
import type { RoomClient } from "@diemcau/room-client";
import { useTranslations } from "next-intl";
import { memo, useState } from "react";
import { Icon } from "./icons";

/** Everyone in the room sees this while the server records (people must know they are recorded). */
export const RecordingIndicator = memo(function RecordingIndicator({ recording }: { recording: TRoomRecording }) {
  const t = useTranslations("meeting.recording");
  if (!recording.active) return null;
  return (
    <span className="recording-indicator" role="status" data-testid="recording-indicator">
      {t("indicator")}
    </span>
  );
});

/** The host's record button; a start refused by the server reaches the page through the client's error event. */
export const RecordToggle = memo(function RecordToggle({ client, recording }: { client: RoomClient; recording: boolean }) {
  const t = useTranslations("meeting.recording");
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      await (recording ? client.host.stopRecording() : client.host.startRecording());
    } catch {
      // Already shown: the client reports every failed call as an error event.
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className={`toggle${recording ? " toggle--danger" : ""}`}
      aria-pressed={recording}
      aria-busy={busy}
      disabled={busy}
      data-testid="record-toggle"
      onClick={() => void toggle()}
    >
      <Icon name={recording ? "stop" : "record"} /> <span>{recording ? t("stop") : t("start")}</span>
    </button>
  );
});

/** Tells the host why the recording stopped by itself (e.g. the disk is full), until it is started again. */
export const RecordingFailure = memo(function RecordingFailure({ recording }: { recording: TRoomRecording }) {
  const t = useTranslations("meeting.recording");
  const code = recording.failureCode;
  if (!code || recording.active) return null;
  return (
    <p className="alert alert--warning" role="alert" data-testid="recording-failure" data-code={code}>
      {t("failed")} {t(`failure.${code}`)}
    </p>
  );
});
