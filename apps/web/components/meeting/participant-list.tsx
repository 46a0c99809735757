"use client";

import type { TPeerInfo, TProducerInfo } from "@diemcau/protocol";
import type { RoomClient } from "@diemcau/room-client";
import { useTranslations } from "next-intl";
import { memo, useEffect, useMemo, useState } from "react";
import { Icon } from "./icons";
import { useSettledValue } from "./use-settled-value";

type Props = {
  client: RoomClient;
  /** The announced peers and the head count, whose changes ask for the page again. */
  peers: TPeerInfo[];
  peerCount: number;
  /** Whose microphone is paused. */
  producers: TProducerInfo[];
  selfPeerId: string | null;
  isHost: boolean;
  districtOf: (bridgePointId: string | undefined) => string | null;
};

/** Names per page of the list: a class of 500 is searched and paged on the media server. */
const PAGE_SIZE = 20;
/** Typing pauses this long before the search is sent. */
const SEARCH_DELAY_MS = 250;
/**
 * The page is asked for again this long after the roster changes (joins, leaves, hands, mutes),
 * once for the changes of that time. Asked at once, every join had every participant ask in the
 * same moment (in a class of 500, 500 requests per join), and the host's page competed with the
 * joining person's media setup.
 */
const ROSTER_SETTLE_MS = 1000;

/**
 * Everyone in the room with role, hand and mute state, one page at a time, searched on the server
 * by name ignoring diacritics; the host gets per-person controls. The page is asked for again when
 * the head count or the announced peers have changed (ROSTER_SETTLE_MS).
 */
export const ParticipantList = memo(function ParticipantList({ client, peers, peerCount, producers, selfPeerId, isHost, districtOf }: Props) {
  const t = useTranslations("meeting");
  const tb = useTranslations("bigClass");
  const [query, setQuery] = useState("");
  const [searched, setSearched] = useState("");
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ peers: TPeerInfo[]; total: number } | null>(null);
  // A new object whenever the head count or the announced peers change; the page follows it once it has settled.
  const rosterChange = useMemo(() => ({ peers, peerCount }), [peers, peerCount]);
  const roster = useSettledValue(rosterChange, ROSTER_SETTLE_MS);

  useEffect(() => {
    const timer = setTimeout(() => {
      setSearched(query);
      setOffset(0);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => {
    let current = true;
    client.listPeers(searched, offset, PAGE_SIZE).then(
      (result) => current && setPage(result),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, searched, offset, roster]);

  const selfScheduledHost = peers.some((p) => p.peerId === selfPeerId && p.scheduledHost);
  const micPaused = (peerId: string) => producers.find((p) => p.peerId === peerId && p.source === "mic")?.paused ?? true;
  const pages = Math.max(1, Math.ceil((page?.total ?? 0) / PAGE_SIZE));
  return (
    <div className="participants-panel">
      <label className="participants__search">
        <span className="visually-hidden">{tb("search")}</span>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={tb("searchPlaceholder")}
          aria-label={tb("search")}
          data-testid="participant-search"
          maxLength={100}
        />
      </label>
      {page && (
        <p className="muted" data-testid="participant-count">
          {tb("count", { shown: page.peers.length, total: page.total })}
        </p>
      )}
      {page?.total === 0 && <p className="muted">{tb("noMatch")}</p>}
      <ul className="participants" aria-label={t("participants")}>
        {page?.peers.map((peer) => {
          const self = peer.peerId === selfPeerId;
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
      {pages > 1 && (
        <nav className="participants__pages" aria-label={tb("page", { page: offset / PAGE_SIZE + 1, pages })}>
          <button type="button" className="link-button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            {tb("previous")}
          </button>
          <span className="muted">{tb("page", { page: offset / PAGE_SIZE + 1, pages })}</span>
          <button type="button" className="link-button" disabled={offset + PAGE_SIZE >= (page?.total ?? 0)} onClick={() => setOffset(offset + PAGE_SIZE)}>
            {tb("next")}
          </button>
        </nav>
      )}
    </div>
  );
});
