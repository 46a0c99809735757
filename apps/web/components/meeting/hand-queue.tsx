"use client";

import type { RoomClient, TRoomSnapshot } from "@diemcau/room-client";
import { useTranslations } from "next-intl";
import { Icon } from "./icons";

type Props = { client: RoomClient; snapshot: TRoomSnapshot };

/**
 * The host's queue of raised hands, earliest first, with the students who have the floor: the host
 * lets one speak (its hand goes down and it may unmute), lowers a hand, or takes the floor back.
 */
export function HandQueue({ client, snapshot }: Props) {
  const t = useTranslations("bigClass");
  const hands = snapshot.peers
    .filter((peer) => peer.handRaisedAt !== null && peer.peerId !== snapshot.selfPeerId)
    .sort((a, b) => a.handRaisedAt!.localeCompare(b.handRaisedAt!));
  const speakers = snapshot.peers.filter((peer) => peer.speakGranted);
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
}
