"use client";

import type { RoomClient, TRoomSnapshot } from "@diemcau/room-client";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { VideoTile } from "./video-tile";

export type TLayout = "grid" | "speaker";

type TTile = {
  key: string;
  peerId: string;
  track: MediaStreamTrack | null;
  consumerId?: string;
  kind: "camera" | "screen";
  label: string;
  sublabel?: string;
  self: boolean;
};

type Props = {
  client: RoomClient;
  snapshot: TRoomSnapshot;
  layout: TLayout;
  districtOf: (bridgePointId: string | undefined) => string | null;
};

/**
 * The pictures. Grid: everyone the same size. Speaker (and the bridge points' big screen): a
 * screen share, else the active speaker, large; everyone else in a strip.
 */
export function Stage({ client, snapshot, layout, districtOf }: Props) {
  const t = useTranslations("meeting");
  const tiles = useMemo(() => {
    const list: TTile[] = [];
    for (const peer of snapshot.peers) {
      const self = peer.peerId === snapshot.selfPeerId;
      const camera = self
        ? snapshot.local.camera && !snapshot.local.camera.paused
          ? { track: snapshot.local.camera.track, consumerId: undefined }
          : null
        : snapshot.remote.find((m) => m.peerId === peer.peerId && m.source === "camera" && !m.paused && m.forwarded);
      const label = self ? `${peer.displayName} (${t("you")})` : peer.displayName;
      const sublabel = districtOf(peer.bridgePointId) ?? undefined;
      list.push({ key: `${peer.peerId}:camera`, peerId: peer.peerId, track: camera?.track ?? null, consumerId: camera?.consumerId, kind: "camera", label, sublabel, self });
      const screen = self
        ? snapshot.local.screen && { track: snapshot.local.screen.track, consumerId: undefined }
        : snapshot.remote.find((m) => m.peerId === peer.peerId && m.source === "screen" && m.kind === "video");
      if (screen) {
        list.push({ key: `${peer.peerId}:screen`, peerId: peer.peerId, track: screen.track, consumerId: screen.consumerId, kind: "screen", label: t("screenOf", { name: peer.displayName }), self });
      }
    }
    return list;
  }, [snapshot.peers, snapshot.remote, snapshot.local, snapshot.selfPeerId, districtOf, t]);

  const micPaused = (peerId: string) => snapshot.producers.find((p) => p.peerId === peerId && p.source === "mic")?.paused ?? true;
  const render = (tile: TTile, extraClass?: string) => {
    const peer = snapshot.peers.find((p) => p.peerId === tile.peerId);
    return (
      <div key={tile.key} className={extraClass}>
        <VideoTile
          track={tile.track}
          label={tile.label}
          sublabel={tile.sublabel}
          kind={tile.kind}
          mirrored={tile.self && tile.kind === "camera"}
          speaking={snapshot.activeSpeakerPeerId === tile.peerId && tile.kind === "camera"}
          muted={tile.kind === "camera" && micPaused(tile.peerId)}
          handRaised={tile.kind === "camera" && Boolean(peer?.handRaisedAt)}
          testId={`tile-${tile.kind}`}
          onResize={tile.consumerId ? resizeReporter(client, tile.consumerId) : undefined}
        />
      </div>
    );
  };

  if (layout === "grid") {
    return (
      <section className="stage stage--grid" aria-label={t("stage")} style={{ ["--columns" as string]: Math.ceil(Math.sqrt(tiles.length || 1)) }}>
        {tiles.map((tile) => render(tile))}
      </section>
    );
  }
  const main =
    tiles.find((tile) => tile.kind === "screen") ??
    tiles.find((tile) => tile.peerId === snapshot.activeSpeakerPeerId && !tile.self) ??
    tiles.find((tile) => !tile.self) ??
    tiles[0];
  return (
    <section className="stage stage--speaker" aria-label={t("stage")}>
      {main && render(main, "stage__main")}
      <div className="stage__strip">{tiles.filter((tile) => tile !== main).map((tile) => render(tile, "stage__thumb"))}</div>
    </section>
  );
}

// One stable callback per consumer, so tiles do not re-observe on every render.
const reporters = new WeakMap<RoomClient, Map<string, (w: number, h: number) => void>>();
function resizeReporter(client: RoomClient, consumerId: string) {
  let map = reporters.get(client);
  if (!map) reporters.set(client, (map = new Map()));
  let reporter = map.get(consumerId);
  if (!reporter) {
    reporter = (width, height) => void client.setRenderedSize(consumerId, width, height).catch(() => undefined);
    map.set(consumerId, reporter);
  }
  return reporter;
}
