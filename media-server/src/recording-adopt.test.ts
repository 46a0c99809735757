import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { recordingKeys, ZRecorderStateSchema, type TJoinTokenClaims, type TRoomRecording } from "@diemcau/protocol";
import { startMediaServer, type TMediaServer } from "./server";
import { connectClient, joinClient, waitFor, type TTestClient } from "./test-client";
import { testConfig } from "./test-config";

const storageDir = mkdtempSync(join(tmpdir(), "diemcau-rec-adopt-"));
const config = testConfig({ storageDir, webInternalUrl: "http://127.0.0.1:9", recording: { width: 320, height: 180, ffmpegPath: "ffmpeg" } });
const claims = (room: string, role: TJoinTokenClaims["role"], userId: string): TJoinTokenClaims => ({ room, userId, displayName: userId, role });
const recorderState = (recordingId: string) => ZRecorderStateSchema.parse(JSON.parse(readFileSync(join(storageDir, recordingKeys.recorderState(recordingId)), "utf8")));

/**
 * A room whose home node died while recording it is handed to this node (Room.adoptRecording, as
 * cluster/RoomLink does on taking the room over). Real server, mediasoup and ffmpeg; no host asks.
 */
describe("Recorders going on with the recording of a room whose home died", () => {
  const servers: TMediaServer[] = [];
  const clients: TTestClient[] = [];
  const start = async () => {
    const server = await startMediaServer(config, { port: 0, log: () => {} });
    servers.push(server);
    return server;
  };
  /** A presenter keeps the room open; no host joins, so nothing but the adoption starts a recording. */
  const openRoom = async (server: TMediaServer, room: string) => {
    const presenter = await connectClient(server.port, claims(room, "PRESENTER", "presenter"), config.mediaSecret);
    clients.push(presenter);
    await joinClient(presenter);
    return server.rooms.find(room)!;
  };
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const server of servers.splice(0)) await server.close();
  });
  afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

  it("starts a new recording of the room when the old one's state is on another node's disk", async () => {
    const server = await start();
    const room = await openRoom(server, "event-adopted-new");
    const elsewhere: TRoomRecording = { active: true, recordingId: randomUUID(), startedAt: new Date().toISOString(), failureCode: null };
    room.adoptRecording(elsewhere);
    await waitFor(() => room.recording.active, 10_000);
    expect(room.recording.recordingId).not.toBe(elsewhere.recordingId);
    expect(recorderState(room.recording.recordingId!)).toMatchObject({ roomId: "event-adopted-new", runs: [{ run: 1 }] });
    expect(server.recorders.activeRecordingIds()).toEqual([room.recording.recordingId]);
  });

  it("resumes the same recording as a new run when this node was recording it before a restart", async () => {
    const before = await start();
    const host = await connectClient(before.port, claims("event-adopted-own", "HOST", "host"), config.mediaSecret);
    clients.push(host);
    await joinClient(host);
    const { recording } = await host.ok("host:startRecording");
    // The node goes away without stopping the recording (a shutdown suspends it).
    await before.close();
    servers.splice(0);

    const after = await start();
    const room = await openRoom(after, "event-adopted-own");
    expect(room.recording.active).toBe(false);
    room.adoptRecording(recording);
    await waitFor(() => room.recording.active, 10_000);
    expect(room.recording.recordingId).toBe(recording.recordingId);
    expect(recorderState(recording.recordingId!).runs.map((run) => run.run)).toEqual([1, 2]);
  });
});
