"use client";

import { mayPublish, type TMeetingRole } from "@diemcau/protocol";
import { DEFAULT_CAPTURE, parseCaptureSize, RoomClient, RoomClientError, type TCaptureSize, type TRoomSnapshot } from "@diemcau/room-client";
import { useTranslations } from "next-intl";
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ZJoinTokenResponseSchema, type TJoinTokenResponse } from "@/lib/meetings/join-token-response";
import { useErrorMessage } from "@/lib/errors/use-error-message";
import { ChatPanel } from "./chat-panel";
import { DeviceToggle } from "./device-toggle";
import { HandQueue } from "./hand-queue";
import { Icon } from "./icons";
import { InvitePanel } from "./invite-panel";
import { keepAudioOnlyPreference, readAudioOnlyPreference } from "./audio-only-preference";
import { ParticipantList } from "./participant-list";
import { RecordingFailure, RecordingIndicator, RecordToggle } from "./recording-controls";
import { PreJoin, type TPreJoinChoice } from "./pre-join";
import { RollCallAnswer, RollCallPanel, type TScheduledBridgePoint } from "./roll-call-panel";
import { Stage, type TLayout } from "./stage";
import { useRoomSnapshot } from "./use-room-snapshot";
import { useVideoSlots } from "./use-video-slots";
import { RemoteAudio } from "./video-tile";
import "./meeting.css";

export type TMeetingRoomProps = {
  eventId: string;
  title: string;
  /** Null for a guest, who types a name before joining. */
  displayName: string | null;
  role: TMeetingRole;
  /** A student in a lesson: joins muted with the camera off, and raises its hand to speak. */
  askToSpeak: boolean;
  invite: string | null;
  /** A signed-in member's first join token, issued with the page; null for a guest. */
  firstToken: Pick<TJoinTokenResponse, "token" | "mediaServerUrl"> | null;
  /** A bridge point's account: big-screen layout, name label with the district, no clutter. */
  bridgePoint: { id: string; label: string } | null;
  scheduledBridgePoints: TScheduledBridgePoint[];
  /** "WxH[@fps]" from the ?camera= query parameter; tests ask for 320x180. */
  capture: string | null;
};

/** web refused a join token: the refusal's own code (MEETING_REMOVED, JOIN_TOKEN_RATE_LIMITED…) is what the UI translates. */
class JoinTokenRefusal extends RoomClientError {
  constructor(
    readonly refusalCode: string,
    message: string | undefined,
    readonly params: Record<string, string | number> | undefined,
    retryable: boolean,
  ) {
    super("JOIN_REFUSED", message, retryable);
  }
}

/** The translated text of a room error: by the web refusal's code, else the room client's. */
function shownError(error: unknown): { code: string; message: string; params?: Record<string, string | number> } {
  if (error instanceof JoinTokenRefusal) return { code: error.refusalCode, message: error.message, params: error.params };
  if (error instanceof RoomClientError) return { code: error.code, message: error.message };
  return { code: "INTERNAL", message: String(error) };
}

async function requestJoinToken(eventId: string, body: { invite?: string; guestName?: string }): Promise<TJoinTokenResponse> {
  let response: Response;
  try {
    response = await fetch(`/api/meetings/${encodeURIComponent(eventId)}/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new RoomClientError("CONNECTION_FAILED");
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; params?: Record<string, string | number> } } | null)?.error;
    // A refusal stays a refusal; a server hiccup, or the rate limit, is worth retrying.
    throw new JoinTokenRefusal(error?.code ?? `HTTP_${response.status}`, error?.message, error?.params, response.status >= 500 || response.status === 429);
  }
  return ZJoinTokenResponseSchema.parse(json);
}

/**
 * A client for one join attempt, its socket opened and device loaded at once (RoomClient.prepare);
 * `prepared` settles when that is done or has failed.
 */
async function prepareClient(
  eventId: string,
  body: { invite?: string; guestName?: string },
  capture: TCaptureSize,
  issued: Pick<TJoinTokenResponse, "token" | "mediaServerUrl"> | null,
): Promise<RoomClient> {
  const first = issued ?? (await requestJoinToken(eventId, body));
  let firstToken: string | null = first.token;
  const room = new RoomClient({
    serverUrl: first.mediaServerUrl,
    capture,
    audioOnly: readAudioOnlyPreference(),
    getJoinToken: async () => {
      const token = firstToken ?? (await requestJoinToken(eventId, body)).token;
      firstToken = null;
      return token;
    },
  });
  return room;
}

export function MeetingRoom(props: TMeetingRoomProps) {
  const [client, setClient] = useState<RoomClient | null>(null);
  const [joining, setJoining] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);
  const errorMessage = useErrorMessage();
  const capture = useMemo(() => parseCaptureSize(props.capture) ?? DEFAULT_CAPTURE, [props.capture]);
  // Signed-in people connect while they look at the preview, so "Tham gia" only has to join;
  // a guest's token needs the name typed on the preview, so a guest connects on the click.
  const preparing = useRef<Promise<RoomClient> | null>(null);
  // "Tham gia" waits for the socket and device, so a click never has to load the device itself.
  const [prepared, setPrepared] = useState(props.displayName === null);
  // The token that came with the page serves the first attempt only.
  const issuedToken = useRef(props.firstToken);
  const prepareAhead = useCallback(() => {
    if (props.displayName === null) return;
    const issued = issuedToken.current;
    issuedToken.current = null;
    const pending = prepareClient(props.eventId, { invite: props.invite ?? undefined }, capture, issued);
    preparing.current = pending;
    setPrepared(false);
    void pending
      .then((room) => room.prepare())
      .catch(() => undefined)
      .finally(() => setPrepared(true));
  }, [props.displayName, props.eventId, props.invite, capture]);
  useEffect(() => {
    prepareAhead();
    return () => {
      const pending = preparing.current;
      preparing.current = null;
      // A client that never joined only holds its prepared socket; close it.
      void pending?.then((room) => (room.snapshot.status === "idle" ? room.leave() : undefined), () => undefined);
    };
  }, [prepareAhead]);

  const join = async (choice: TPreJoinChoice) => {
    setJoining(true);
    setJoinError(null);
    try {
      const pending = preparing.current;
      preparing.current = null;
      const room = (await pending?.catch(() => null)) ?? (await prepareClient(props.eventId, { invite: props.invite ?? undefined, guestName: choice.guestName }, capture, null));
      // The microphone is published even when muted, so unmuting is instant.
      const publishMic = async () => {
        await room.setMicEnabled(true, { track: choice.mic ?? undefined, deviceId: choice.micId || undefined });
        if (!choice.micOn) await room.setMicEnabled(false);
      };
      const publishCamera = () => room.setCameraEnabled(true, { track: choice.camera ?? undefined, deviceId: choice.cameraId || undefined });
      // What the preview has captured is handed over before joining: the first connection
      // publishes it right after it has started receiving.
      if (choice.mic) await publishMic();
      if (choice.cameraOn && choice.camera) await publishCamera();
      // The room is drawn while it connects, so remote videos play as soon as they arrive; drawn
      // as a transition, in slices, so the page goes on answering the join's messages meanwhile.
      startTransition(() => setClient(room));
      await room.join().catch((error: unknown) => {
        setClient(null);
        prepareAhead();
        throw error;
      });
      // A device the preview had not opened yet is opened now. A refusal must not keep anyone out
      // of the meeting: the room shows it (the client's error event) and goes on.
      // A student without the floor has nothing to publish yet.
      if (!choice.mic && !props.askToSpeak) await publishMic().catch(() => undefined);
      if (choice.cameraOn && !choice.camera) await publishCamera().catch(() => undefined);
    } catch (error) {
      setJoinError(errorMessage(shownError(error)));
    } finally {
      setJoining(false);
    }
  };

  if (!client) {
    return (
      <PreJoin
        title={props.title}
        displayName={props.displayName}
        capture={capture}
        error={joinError}
        joining={joining}
        ready={prepared}
        askToSpeak={props.askToSpeak}
        onJoin={(c) => void join(c)}
      />
    );
  }
  return <InRoom {...props} client={client} />;
}

type TInRoomProps = TMeetingRoomProps & { client: RoomClient };

/** A button's handler for a room action; a refusal reaches the page through the client's error event. */
const act = (action: () => Promise<unknown>) => () => void action().catch(() => undefined);

function InRoom({ client, title, bridgePoint, scheduledBridgePoints, eventId }: TInRoomProps) {
  const t = useTranslations("meeting");
  const snapshot = useRoomSnapshot(client);
  const bigScreen = bridgePoint !== null;
  const [layout, setLayout] = useState<TLayout>(bigScreen ? "speaker" : "grid");
  const [panel, setPanel] = useState<"participants" | "chat" | "rollCall">("participants");
  const [notice, setNotice] = useState<string | null>(null);
  const errorMessage = useErrorMessage();
  const tb = useTranslations("bigClass");
  const stageRef = useVideoSlots(client, snapshot.quality);

  useEffect(() => {
    const offError = client.on("error", (error) => setNotice(errorMessage(shownError(error))));
    const offMuted = client.on("mutedByHost", ({ source }) => setNotice(t(`mutedByHost.${source}`)));
    const leaveOnUnload = () => void client.leave();
    window.addEventListener("pagehide", leaveOnUnload);
    return () => {
      offError();
      offMuted();
      window.removeEventListener("pagehide", leaveOnUnload);
    };
  }, [client, t, errorMessage]);

  const districtOf = useCallback(
    (id: string | undefined) => {
      const scheduled = id ? scheduledBridgePoints.find((b) => b.id === id) : undefined;
      return scheduled ? scheduled.district : null;
    },
    [scheduledBridgePoints],
  );

  const self = snapshot.peers.find((p) => p.peerId === snapshot.selfPeerId);
  const isHost = snapshot.selfRole === "HOST";
  const canShare = snapshot.selfRole === "HOST" || snapshot.selfRole === "PRESENTER";
  // A student without the floor cannot unmute; the buttons say so rather than fail.
  const mayTalk = !self || mayPublish(self, "mic");
  const micOn = Boolean(snapshot.local.mic && !snapshot.local.mic.paused);
  const cameraOn = Boolean(snapshot.local.camera && !snapshot.local.camera.paused);
  const sharing = Boolean(snapshot.local.screen);
  // Stable while the device's state is, so the toggles skip the renders of roster changes.
  const toggleMic = useMemo(() => act(() => client.setMicEnabled(!micOn)), [client, micOn]);
  const toggleCamera = useMemo(() => act(() => client.setCameraEnabled(!cameraOn)), [client, cameraOn]);

  if (snapshot.status === "ended" || snapshot.status === "failed") {
    return (
      <section className="meeting-ended notice" role="alert" data-testid="meeting-ended">
        <h1>{title}</h1>
        <p className="lead">{snapshot.ended ? errorMessage(snapshot.ended) : t("ended")}</p>
        <a className="button" href={`/phong/${encodeURIComponent(eventId)}`}>
          {t("rejoin")}
        </a>
      </section>
    );
  }

  return (
    <div className={`meeting${bigScreen ? " meeting--big-screen" : ""}`} data-status={snapshot.status}>
      <header className="meeting__bar">
        <h1 className="meeting__title">{title}</h1>
        {bridgePoint && <p className="meeting__place">{bridgePoint.label}</p>}
        <span className={`quality quality--${snapshot.quality}`} title={t("qualityLabel")}>
          {t(`quality.${snapshot.quality}`)}
        </span>
        {snapshot.locked && (
          <span className="badge">
            <Icon name="lock" /> {t("locked")}
          </span>
        )}
        <RecordingIndicator recording={snapshot.recording} />
      </header>

      {snapshot.status === "reconnecting" && (
        <p className="alert alert--warning" role="alert" data-testid="reconnecting">
          {t("reconnecting", { attempt: snapshot.reconnectAttempt })}
        </p>
      )}
      <WeakLinkNotice client={client} snapshot={snapshot} />
      {isHost && <RecordingFailure recording={snapshot.recording} />}
      {notice && (
        <p className="alert" role="status">
          {notice}{" "}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            {t("dismiss")}
          </button>
        </p>
      )}
      {bridgePoint && <RollCallAnswer client={client} rollCall={snapshot.rollCall} bridgePointId={bridgePoint.id} />}
      {self?.askToSpeak && self.speakGranted && !micOn && (
        <p className="alert" role="status" data-testid="speak-granted">
          {tb("granted")}
        </p>
      )}

      <div className="meeting__body" ref={stageRef}>
        <Stage client={client} snapshot={snapshot} layout={bigScreen ? "speaker" : layout} districtOf={districtOf} />
        {!bigScreen && (
          <aside className="meeting__side">
            <div role="tablist" className="tabs">
              {(["participants", "chat", "rollCall"] as const).map((name) => (
                <button key={name} role="tab" type="button" aria-selected={panel === name} className="tab" onClick={() => setPanel(name)}>
                  {t(`panel.${name}`)}
                  {name === "participants" && ` (${snapshot.peerCount})`}
                </button>
              ))}
            </div>
            <div role="tabpanel" className="meeting__panel">
              {panel === "participants" && isHost && <HandQueue client={client} peers={snapshot.peers} selfPeerId={snapshot.selfPeerId} />}
              {panel === "participants" && (
                <ParticipantList
                  client={client}
                  peers={snapshot.peers}
                  peerCount={snapshot.peerCount}
                  producers={snapshot.producers}
                  selfPeerId={snapshot.selfPeerId}
                  isHost={isHost}
                  districtOf={districtOf}
                />
              )}
              {panel === "chat" && <ChatPanel client={client} chat={snapshot.chat} />}
              {panel === "rollCall" && <RollCallPanel client={client} rollCall={snapshot.rollCall} isHost={isHost} scheduled={scheduledBridgePoints} />}
            </div>
          </aside>
        )}
      </div>

      <footer className="meeting__toolbar" aria-label={t("toolbar")}>
        <DeviceToggle
          device="mic"
          on={micOn}
          testId="toggle-mic"
          disabled={!mayTalk && !micOn}
          title={mayTalk ? undefined : tb("askFirst")}
          onToggle={toggleMic}
        />
        <DeviceToggle
          device="camera"
          on={cameraOn}
          testId="toggle-camera"
          disabled={!mayTalk && !cameraOn}
          title={mayTalk ? undefined : tb("askFirst")}
          onToggle={toggleCamera}
        />
        {canShare && (
          <button type="button" className="toggle" aria-pressed={sharing} onClick={act(() => (sharing ? client.stopScreenShare() : client.startScreenShare()))}>
            <Icon name="screen" /> <span>{sharing ? t("stopShare") : t("share")}</span>
          </button>
        )}
        {!bigScreen && (
          <>
            <button type="button" className="toggle" aria-pressed={Boolean(self?.handRaisedAt)} onClick={act(() => client.raiseHand(!self?.handRaisedAt))}>
              <Icon name="hand" /> <span>{self?.handRaisedAt ? t("lowerHand") : t("raiseHand")}</span>
            </button>
            <button
              type="button"
              className="toggle"
              aria-pressed={snapshot.audioOnly}
              data-testid="toggle-audio-only"
              onClick={act(() => client.setAudioOnly(!snapshot.audioOnly))}
            >
              <Icon name="headphones" /> <span>{t("audioOnly")}</span>
            </button>
            <button type="button" className="toggle" onClick={() => setLayout(layout === "grid" ? "speaker" : "grid")}>
              <Icon name={layout === "grid" ? "speaker" : "grid"} /> <span>{layout === "grid" ? t("layoutSpeaker") : t("layoutGrid")}</span>
            </button>
          </>
        )}
        {isHost && (
          <span className="meeting__host-tools">
            <RecordToggle client={client} recording={snapshot.recording.active} />
            <button type="button" className="toggle" onClick={act(() => client.host.muteAll())}>
              <Icon name="muteAll" /> <span>{t("host.muteAll")}</span>
            </button>
            <button type="button" className="toggle" aria-pressed={snapshot.locked} onClick={act(() => client.host.lockRoom(!snapshot.locked))}>
              <Icon name={snapshot.locked ? "unlock" : "lock"} /> <span>{snapshot.locked ? t("host.unlock") : t("host.lock")}</span>
            </button>
            <InvitePanel eventId={eventId} onNotice={setNotice} />
            <button
              type="button"
              className="toggle toggle--danger"
              onClick={act(async () => {
                if (confirm(t("host.endConfirm"))) await client.host.endMeeting();
              })}
            >
              {t("host.end")}
            </button>
          </span>
        )}
        <button type="button" className="button button--danger" onClick={act(() => client.leave())}>
          {t("leave")}
        </button>
      </footer>
      {snapshot.remote.filter((m) => m.kind === "audio").map((m) => (
        <RemoteAudio key={m.consumerId} track={m.track} />
      ))}
    </div>
  );
}

/**
 * Tells someone on a weak link what is happening: that pictures may stutter (with audio-only one
 * click away), or that the client has switched to audio-only by itself (with video one click
 * back). Audio-only, however it came, is kept on the device for the next meetings.
 */
function WeakLinkNotice({ client, snapshot }: { client: RoomClient; snapshot: TRoomSnapshot }) {
  const t = useTranslations("weakLink");
  const { audioOnly, audioOnlyForWeakLink, quality, status } = snapshot;
  useEffect(() => {
    if (status === "joined") keepAudioOnlyPreference(audioOnly);
  }, [audioOnly, status]);
  const act = (enabled: boolean) => () => void client.setAudioOnly(enabled).catch(() => undefined);
  if (audioOnlyForWeakLink)
    return (
      <p className="alert" role="status" data-testid="weak-link">
        {t("switchedToAudio")}{" "}
        <button type="button" className="link-button" onClick={act(false)}>
          {t("videoBack")}
        </button>
      </p>
    );
  if (quality === "poor" && !audioOnly)
    return (
      <p className="alert" role="status" data-testid="weak-link">
        {t("weak")}{" "}
        <button type="button" className="link-button" onClick={act(true)}>
          {t("switchToAudio")}
        </button>
      </p>
    );
  return null;
}
