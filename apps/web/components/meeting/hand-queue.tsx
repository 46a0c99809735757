"use client";

import type { TPeerInfo } from "@diemcau/protocol";
import type { RoomClient } from "@diemcau/room-client";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { Icon } from "./icons";

type Props = { client: RoomClient; peers: TPeerInfo[]; selfPeerId: string | null };

/**
 * The host's queue of raised hands, earliest first, with the students who have the floor: the host
 * lets one speak (its hand goes down and it may unmute), lowers a hand, or takes the floor back.
 */
export const HandQueue = memo(function HandQueue({ client, peers, selfPeerId }: Props) {
  const t = useTranslations("bigClass");
  const hands = peers
    .filter((peer) => peer.handRaisedAt !== null && peer.peerId !== selfPeerId)
    .sort((a, b) => a.handRaisedAt!.localeCompare(b.handRaisedAt!));
  const speakers = peers.filter((peer) => peer.speakGranted);
  const act = (action: () => Promise<unknown>) => () => void action().catch(() => undefined);
  return (
    <section className="hand-queue" aria-label={t("handQueue")} data-testid="hand-queue">
      <h2 className="hand-queue__title">
        <Icon name="hand" /> {t("handQueue")} ({hands.length})
      </h2>
      {hands.length === 0 && <p className="muted">{t("noHands")}</p>}
      <ol className="hand-queue__list">
        {hands.map((peer) => (
          <li key={peer.peerId} className="hand-queue__item" data-testid="raised-hand">
            <span>{peer.displayName}</span>
            {peer.askToSpeak && !peer.speakGranted && (
              <button type="button" className="link-button" onClick={act(() => client.host.grantSpeak(peer.peerId))}>
                {t("grant")}
              </button>
            )}
            <button type="button" className="link-button" onClick={act(() => client.host.lowerHand(peer.peerId))}>
              {t("lowerHand")}
            </button>
          </li>
        ))}
      </ol>
      {speakers.length > 0 && (
        <>
          <h2 className="hand-queue__title">{t("speakers")}</h2>
          <ul className="hand-queue__list">
            {speakers.map((peer) => (
              <li key={peer.peerId} className="hand-queue__item" data-testid="speaker">
                <span>{peer.displayName}</span>
                <button type="button" className="link-button" onClick={act(() => client.host.revokeSpeak(peer.peerId))}>
                  {t("revoke")}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
});
