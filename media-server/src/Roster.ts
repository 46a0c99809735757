import {
  comparePeersForList,
  PEER_COUNT_INTERVAL_MS,
  type TPeerInfo,
  type TSignalingEvent,
  type TSignalingEventName,
} from "@diemcau/protocol";
import { foldVietnamese } from "@diemcau/search/fold";
import type { Peer } from "./Peer";

/** What the roster tells the room. */
export type TRosterEventName = Extract<TSignalingEventName, "peerJoined" | "peerUpdated" | "peerLeft">;

/** What the roster needs of its room. */
export type TRosterRoom = {
  /** To every peer here but `except`, and to the room's other nodes. */
  broadcast<N extends TRosterEventName>(event: N, data: TSignalingEvent<N>, except?: Peer): void;
  /** A quiet peer's join, change or departure, for the room's other nodes only: they list and count it, and tell no one. */
  quiet<N extends TRosterEventName>(event: N, data: TSignalingEvent<N>): void;
  /** Everyone on the room's other nodes, quiet students included. */
  remotePeers(): TPeerInfo[];
};

export type TPeerPage = { peers: TPeerInfo[]; total: number; offset: number };

/**
 * Who is told about whom. In a class of 500, pushing every student's arrival, departure and change
 * to every other student is 500 × 500 messages and a list no phone should hold. So a student who
 * must ask to speak is announced to the room only once it matters to the others: it raises its
 * hand, is given the floor or publishes. From then on every change of it is broadcast, as for
 * hosts, presenters and bridge points, who are announced from the start. The rest is a head count,
 * sent at most once per PEER_COUNT_INTERVAL_MS, and the participant list, paged and searched here.
 * In a room spread over several nodes, the count and the list are the whole room's: each node
 * keeps the other nodes' peers, quiet ones too, and tells its own peers the count.
 */
export class Roster {
  readonly #peers: ReadonlyMap<string, Peer>;
  readonly #room: TRosterRoom;
  #countTimer: NodeJS.Timeout | undefined;
  #countSent: number;
  /**
   * Everyone in the list's order, kept until someone joins, leaves or changes: when the count
   * changes, every open list in a class of 500 asks for its page again within a second.
   */
  #sorted: { info: TPeerInfo; foldedName: string }[] | null = null;

  constructor(peers: ReadonlyMap<string, Peer>, room: TRosterRoom) {
    this.#peers = peers;
    this.#room = room;
    this.#countSent = this.count();
  }

  static deservesAnnouncement(peer: Peer): boolean {
    return !peer.askToSpeak || peer.role !== "ATTENDEE" || peer.handRaisedAt !== null || peer.speakGranted || peer.producers.size > 0;
  }

  joined(peer: Peer): void {
    this.#sorted = null;
    if (Roster.deservesAnnouncement(peer)) this.#announce(peer);
    else this.#room.quiet("peerJoined", { peer: peer.info() });
    this.#countChanged();
  }

  /** After any change of the peer's info: everyone hears of it once it is announced, else the peer alone. */
  changed(peer: Peer): void {
    this.#sorted = null;
    if (peer.announced) this.#room.broadcast("peerUpdated", { peer: peer.info() });
    else if (Roster.deservesAnnouncement(peer)) {
      this.#announce(peer);
      peer.notify("peerUpdated", { peer: peer.info() });
    } else {
      peer.notify("peerUpdated", { peer: peer.info() });
      this.#room.quiet("peerUpdated", { peer: peer.info() });
    }
  }

  left(peer: Peer): void {
    this.#sorted = null;
    if (peer.announced) this.#room.broadcast("peerLeft", { peerId: peer.id });
    else this.#room.quiet("peerLeft", { peerId: peer.id });
    this.#countChanged();
  }

  /** Someone joined, changed or left on another node. */
  remoteChanged(): void {
    this.#sorted = null;
    this.#countChanged();
  }

  /** Everyone in the room, here and on its other nodes. */
  count(): number {
    return this.#peers.size + this.#room.remotePeers().length;
  }

  /** The peers a viewer's room state holds: the announced ones and itself. */
  visibleTo(viewer: Peer | undefined): TPeerInfo[] {
    return [...this.#peers.values()].filter((peer) => peer.announced || peer === viewer).map((peer) => peer.info());
  }

  /** One page of everyone, in the list's order, whose name contains the query ignoring diacritics and case. */
  list({ query, offset, limit }: { query?: string; offset: number; limit: number }): TPeerPage {
    const needle = foldVietnamese((query ?? "").trim().replace(/\s+/g, " "));
    this.#sorted ??= [
      ...[...this.#peers.values()].map((peer) => ({ info: peer.info(), foldedName: peer.foldedName })),
      ...this.#room.remotePeers().map((info) => ({ info, foldedName: foldVietnamese(info.displayName) })),
    ].sort((a, b) => comparePeersForList(a.info, b.info));
    const matching = needle === "" ? this.#sorted : this.#sorted.filter((entry) => entry.foldedName.includes(needle));
    return { peers: matching.slice(offset, offset + limit).map((entry) => entry.info), total: matching.length, offset };
  }

  close(): void {
    clearTimeout(this.#countTimer);
  }

  #announce(peer: Peer): void {
    peer.announced = true;
    this.#room.broadcast("peerJoined", { peer: peer.info() }, peer);
  }

  #countChanged(): void {
    if (this.#countTimer) return;
    this.#countTimer = setTimeout(() => {
      this.#countTimer = undefined;
      const count = this.count();
      if (count === this.#countSent) return;
      this.#countSent = count;
      // Not relayed: every node counts the whole room for its own peers.
      for (const peer of this.#peers.values()) peer.notify("peerCount", { count });
    }, PEER_COUNT_INTERVAL_MS);
    this.#countTimer.unref();
  }
}
