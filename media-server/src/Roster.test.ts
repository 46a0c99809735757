import type { types } from "mediasoup";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PEER_COUNT_INTERVAL_MS, type TJoinTokenClaims, type TPeerInfo } from "@diemcau/protocol";
import { Peer } from "./Peer";
import { Roster } from "./Roster";

type TTold = { event: string; data: unknown };

/** A room of one node, as the roster sees it: its peers here, those of the other nodes, and what it relayed. */
class TestRoom {
  readonly peers = new Map<string, Peer>();
  readonly remote: TPeerInfo[] = [];
  readonly broadcast: (TTold & { except?: Peer })[] = [];
  readonly quiet: TTold[] = [];
  readonly told = new Map<Peer, TTold[]>();
  readonly roster = new Roster(this.peers, {
    broadcast: (event, data, except) => this.broadcast.push({ event, data, except }),
    quiet: (event, data) => this.quiet.push({ event, data }),
    remotePeers: () => this.remote,
  });

  join(displayName: string, role: TJoinTokenClaims["role"] = "ATTENDEE"): Peer {
    const told: TTold[] = [];
    const peer = new Peer({ room: "lesson-7", userId: displayName, displayName, role, askToSpeak: role === "ATTENDEE" }, {} as types.RtpCapabilities, false, {
      notify: (event, data) => told.push({ event, data }),
      disconnect: () => {},
    });
    this.told.set(peer, told);
    this.peers.set(peer.id, peer);
    this.roster.joined(peer);
    return peer;
  }

  leave(peer: Peer): void {
    this.peers.delete(peer.id);
    this.roster.left(peer);
  }

  countsTold(peer: Peer): unknown[] {
    return this.told.get(peer)!.filter((told) => told.event === "peerCount").map((told) => told.data);
  }
}

/** A peer of another node, as its node relayed it. */
function remotePeer(displayName: string, extra: Partial<TPeerInfo> = {}): TPeerInfo {
  return {
    peerId: `remote-${displayName}`,
    userId: displayName,
    displayName,
    role: "ATTENDEE",
    scheduledHost: false,
    handRaisedAt: null,
    mutedByHost: false,
    askToSpeak: true,
    speakGranted: false,
    audioOnly: false,
    joinedAt: new Date(0).toISOString(),
    ...extra,
  };
}

describe("Roster", () => {
  let room: TestRoom;

  beforeEach(() => {
    vi.useFakeTimers();
    room = new TestRoom();
  });

  afterEach(() => {
    room.roster.close();
    vi.useRealTimers();
  });

  it("relays a quiet student's join, change and departure to the other nodes without telling anyone here", () => {
    const teacher = room.join("Cô Hạnh", "HOST");
    room.broadcast.length = 0;
    const student = room.join("Nguyễn Văn An");
    room.roster.changed(student);
    room.leave(student);

    expect(room.broadcast).toEqual([]);
    expect(room.quiet.map((told) => told.event)).toEqual(["peerJoined", "peerUpdated", "peerLeft"]);
    expect(room.quiet[0]!.data).toEqual({ peer: student.info() });
    expect(room.told.get(teacher)).toEqual([]);
  });

  it("broadcasts a student once it raises its hand, and its departure then, relaying nothing as quiet", () => {
    const student = room.join("Nguyễn Văn An");
    student.handRaisedAt = new Date();
    room.roster.changed(student);
    room.leave(student);

    expect(room.broadcast.map(({ event, except }) => ({ event, except }))).toEqual([
      { event: "peerJoined", except: student },
      { event: "peerLeft", except: undefined },
    ]);
    expect(room.quiet.map((told) => told.event)).toEqual(["peerJoined"]);
  });

  it("lists the peers of the other nodes, quiet or not, among its own in the list's order, and searches them", () => {
    room.join("Cô Hạnh", "HOST");
    room.join("Nguyễn Văn An");
    room.remote.push(remotePeer("Lê Văn Đức"), remotePeer("Trần Thị Bình", { handRaisedAt: new Date(0).toISOString() }));
    room.roster.remoteChanged();

    const page = room.roster.list({ offset: 0, limit: 10 });
    expect(page.total).toBe(4);
    expect(page.peers.map((peer) => peer.displayName)).toEqual(["Trần Thị Bình", "Cô Hạnh", "Lê Văn Đức", "Nguyễn Văn An"]);
    expect(room.roster.list({ offset: 1, limit: 2 }).peers.map((peer) => peer.displayName)).toEqual(["Cô Hạnh", "Lê Văn Đức"]);
    expect(room.roster.list({ query: " DUC", offset: 0, limit: 10 }).peers.map((peer) => peer.peerId)).toEqual(["remote-Lê Văn Đức"]);

    // One who left another node leaves the list.
    room.remote.splice(0, 1);
    room.roster.remoteChanged();
    expect(room.roster.list({ query: "duc", offset: 0, limit: 10 }).total).toBe(0);
  });

  it("counts the whole room, and tells its own peers the count once a remote arrival settles", () => {
    const teacher = room.join("Cô Hạnh", "HOST");
    vi.advanceTimersByTime(PEER_COUNT_INTERVAL_MS);
    expect(room.countsTold(teacher)).toEqual([{ count: 1 }]);

    room.remote.push(remotePeer("Lê Văn Đức"), remotePeer("Trần Thị Bình"));
    room.roster.remoteChanged();
    room.roster.remoteChanged();
    expect(room.roster.count()).toBe(3);
    vi.advanceTimersByTime(PEER_COUNT_INTERVAL_MS - 1);
    expect(room.countsTold(teacher)).toEqual([{ count: 1 }]);
    vi.advanceTimersByTime(1);
    expect(room.countsTold(teacher)).toEqual([{ count: 1 }, { count: 3 }]);

    // A local departure counts the whole room too; the count goes to this node's peers, never to the other nodes.
    room.leave(room.join("Nguyễn Văn An"));
    room.remote.pop();
    room.roster.remoteChanged();
    vi.advanceTimersByTime(PEER_COUNT_INTERVAL_MS);
    expect(room.countsTold(teacher)).toEqual([{ count: 1 }, { count: 3 }, { count: 2 }]);
    expect([...room.broadcast, ...room.quiet].filter((told) => told.event === "peerCount")).toEqual([]);
  });
});
