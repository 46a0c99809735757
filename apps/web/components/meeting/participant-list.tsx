"use client";

import { sortPeersForList, type RoomClient, type TRoomSnapshot } from "@diemcau/room-client";
import { useTranslations } from "next-intl";
import { Icon } from "./icons";

type Props = { client: RoomClient; snapshot: TRoomSnapshot; districtOf: (bridgePointId: string | undefined) => string | null };

/** Everyone in the room with role, hand and mute state; the host gets per-person controls. */
export function ParticipantList({ client, snapshot, districtOf }: Props) {
  const t = useTranslations("meeting");
  const isHost = snapshot.selfRole === "HOST";
  const selfScheduledHost = snapshot.peers.some((p) => p.peerId === snapshot.selfPeerId && p.scheduledHost);
  const micPaused = (peerId: string) => snapshot.producers.find((p) => p.peerId === peerId && p.source === "mic")?.paused ?? true;
  return (
    <ul className="participants" aria-label={t("participants")}>
      {sortPeersForList(snapshot.peers).map((peer) => {
        const self = peer.peerId === snapshot.selfPeerId;
        const district = districtOf(peer.bridgePointId);
        return (
          <li key={peer.peerId} className="participant" data-testid="participant" data-peer-id={peer.peerId}>
            <span className="participant__name">
              {peer.handRaisedAt && (
                <span role="img" aria-label={t("handRaised")}>
                  <Icon name="hand" />{" "}
                </span>
              )}
              {peer.displayName}
              {self && ` (${t("you")})`}
              {district && <span className="muted"> · {district}</span>}
            </span>
            <span className="participant__meta">
              <span className="role-tag">{t(`role.${peer.role}`)}</span>
              {micPaused(peer.peerId) && (
                <span className="muted" role="img" aria-label={t("micOff")}>
                  {" "}
                  <Icon name="micOff" />
                </span>
              )}
              {peer.audioOnly && <span className="muted"> {t("audioOnlyTag")}</span>}
            </span>
            {isHost && !self && (
              <span className="participant__actions">
                <button type="button" className="link-button" onClick={() => void client.host.mutePeer(peer.peerId)}>
                  {t("host.mute")}
                </button>
                <button type="button" className="link-button" onClick={() => void client.host.stopVideo(peer.peerId)}>
                  {t("host.stopVideo")}
                </button>
                {peer.handRaisedAt && (
                  <button type="button" className="link-button" onClick={() => void client.host.lowerHand(peer.peerId)}>
                    {t("host.lowerHand")}
                  </button>
                )}
                {(selfScheduledHost || !peer.scheduledHost) && (
                  <button
                    type="button"
                    className="link-button link-button--danger"
                    onClick={() => {
                      if (confirm(t("host.removeConfirm", { name: peer.displayName }))) void client.host.removePeer(peer.peerId);
                    }}
                  >
                    {t("host.remove")}
                  </button>
                )}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
