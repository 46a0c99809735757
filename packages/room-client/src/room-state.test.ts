import { NOT_RECORDING, type TPeerInfo, type TRoomState } from "@diemcau/protocol";
import { describe, expect, it } from "vitest";
import { applyRoomEvent, CHAT_HISTORY_LIMIT, EMPTY_ROOM, roomDataFrom } from "./room-state";

const peer = (peerId: string, patch: Partial<TPeerInfo> = {}): TPeerInfo => ({
  peerId,
  userId: `u-${peerId}`,
  displayName: peerId,
  role: "ATTENDEE",
  scheduledHost: false,
  handRaisedAt: null,
  mutedByHost: false,
  askToSpeak: false,
  speakGranted: false,
  audioOnly: false,
  joinedAt: "2026-09-05T01:00:00.000Z",
  ...patch,
});

describe("applyRoomEvent()", () => {
  it("adds, updates and removes peers, dropping a leaver's producers and speaker flag", () => {
    let room = applyRoomEvent(EMPTY_ROOM, "peerJoined", { peer: peer("a") });
    room = applyRoomEvent(room, "peerJoined", { peer: peer("b") });
    room = applyRoomEvent(room, "peerUpdated", { peer: peer("a", { mutedByHost: true }) });
    room = applyRoomEvent(room, "producerAdded", { producer: { producerId: "p1", peerId: "b", kind: "video", source: "camera", paused: false } });
    room = applyRoomEvent(room, "activeSpeaker", { peerId: "b" });
    expect(room.peers.map((p) => [p.peerId, p.mutedByHost])).toEqual([["a", true], ["b", false]]);
    room = applyRoomEvent(room, "peerLeft", { peerId: "b" });
    expect(room.peers.map((p) => p.peerId)).toEqual(["a"]);
    expect(room.producers).toEqual([]);
    expect(room.activeSpeakerPeerId).toBeNull();
  });

  it("never mutates the previous snapshot", () => {
    const before = applyRoomEvent(EMPTY_ROOM, "peerJoined", { peer: peer("a") });
    const after = applyRoomEvent(before, "roomUpdated", { locked: true });
    expect(before.locked).toBe(false);
    expect(after.locked).toBe(true);
    expect(after.peers).toBe(before.peers);
  });

  it("keeps chat once per message id and bounded", () => {
    const message = (id: number) => ({ id: `m${id}`, peerId: "a", userId: "u", displayName: "A", text: "xin chào", sentAt: "2026-09-05T01:00:00.000Z" });
    let room = EMPTY_ROOM;
    for (let i = 0; i < CHAT_HISTORY_LIMIT + 5; i++) room = applyRoomEvent(room, "chatMessage", { message: message(i) });
    room = applyRoomEvent(room, "chatMessage", { message: message(CHAT_HISTORY_LIMIT + 4) });
    expect(room.chat).toHaveLength(CHAT_HISTORY_LIMIT);
    expect(room.chat.at(-1)!.id).toBe(`m${CHAT_HISTORY_LIMIT + 4}`);
  });
});

describe("recording state", () => {
  const recording = { active: true, recordingId: "rec-1", startedAt: "2026-09-05T01:00:00.000Z", failureCode: null };
  const state: TRoomState = { roomId: "r", locked: false, activeSpeakerPeerId: null, peers: [], peerCount: 0, producers: [], chat: [], rollCall: null };

  it("comes from the join snapshot, and is 'not recording' when an older server leaves it out", () => {
    expect(roomDataFrom({ ...state, recording }).recording).toEqual(recording);
    expect(roomDataFrom(state).recording).toEqual(NOT_RECORDING);
  });

  it("follows recordingStateChanged: started, then failed with its code", () => {
    const started = applyRoomEvent(EMPTY_ROOM, "recordingStateChanged", { recording });
    expect(started.recording.active).toBe(true);
    expect(EMPTY_ROOM.recording).toEqual(NOT_RECORDING);
    const failed = applyRoomEvent(started, "recordingStateChanged", { recording: { ...NOT_RECORDING, failureCode: "DISK_FULL" } });
    expect(failed.recording).toEqual({ active: false, recordingId: null, startedAt: null, failureCode: "DISK_FULL" });
    expect(started.recording.active).toBe(true);
  });
});
