import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInternalRequest, ZActiveRecordingsSchema, type TJoinTokenClaims, type TRoomRecording } from "@diemcau/protocol";
import { startMediaServer, type TMediaServer } from "./server";
import { connectClient, joinClient, waitFor, type TTestClient } from "./test-client";
import { testConfig } from "./test-config";

const storageDir = mkdtempSync(join(tmpdir(), "diemcau-rec-signaling-"));
const config = testConfig({ storageDir, webInternalUrl: "http://127.0.0.1:9", recording: { width: 640, height: 360, ffmpegPath: "ffmpeg" } });
const secret = config.mediaSecret;
const room = "event-recording";
const claims = (userId: string, role: TJoinTokenClaims["role"]): TJoinTokenClaims => ({ room, userId, displayName: userId, role });

const recordingEvents = (client: TTestClient) =>
  client.events.filter((e) => e.event === "recordingStateChanged").map((e) => (e.data as { recording: TRoomRecording }).recording);

describe("recording over signaling and GET /recordings/active (real server, mediasoup, ffmpeg)", () => {
  let server: TMediaServer;
  let host: TTestClient;
  let presenter: TTestClient;
  let attendee: TTestClient;
  const activeUrl = () => `http://127.0.0.1:${server.port}/recordings/active`;
  const active = async () => {
    const response = await fetch(activeUrl(), { headers: await signInternalRequest({ method: "GET", path: "/recordings/active", body: "" }, secret) });
    expect(response.status).toBe(200);
    return ZActiveRecordingsSchema.parse(await response.json()).recordingIds;
  };

  beforeAll(async () => {
    server = await startMediaServer(config, { port: 0, log: () => {} });
    host = await connectClient(server.port, claims("host", "HOST"), secret);
    presenter = await connectClient(server.port, claims("presenter", "PRESENTER"), secret);
    attendee = await connectClient(server.port, claims("attendee", "ATTENDEE"), secret);
    for (const client of [host, presenter, attendee]) await joinClient(client);
  });

  afterAll(async () => {
    for (const client of [host, presenter, attendee]) client?.close();
    await server?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it("GET /recordings/active needs a signed request, used once: not the bare secret, not a replay", async () => {
    expect((await fetch(activeUrl())).status).toBe(401);
    const bearer = await fetch(activeUrl(), { headers: { authorization: `Bearer ${secret}` } });
    expect(bearer.status).toBe(401);
    expect(await bearer.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
    const signed = await signInternalRequest({ method: "GET", path: "/recordings/active", body: "" }, secret);
    expect((await fetch(activeUrl(), { headers: signed })).status).toBe(200);
    expect((await fetch(activeUrl(), { headers: signed })).status).toBe(401);
    expect(await active()).toEqual([]);
  });

  it("only the host may start or stop; everyone sees the state change; the join snapshot carries it", async () => {
    for (const [client, name] of [[presenter, "host:startRecording"], [attendee, "host:startRecording"]] as const) {
      const refused = await client.request(name);
      expect(refused).toMatchObject({ ok: false, error: { code: "FORBIDDEN", message: expect.any(String) } });
    }
    expect(await active()).toEqual([]);

    const { recording } = await host.ok("host:startRecording");
    expect(recording).toMatchObject({ active: true, recordingId: expect.any(String), failureCode: null });
    for (const client of [host, presenter, attendee])
      await waitFor(() => recordingEvents(client).some((r) => r.active && r.recordingId === recording.recordingId));
    expect(await active()).toEqual([recording.recordingId]);
    // Asking again while it runs is the same recording, not a second one.
    expect((await host.ok("host:startRecording")).recording.recordingId).toBe(recording.recordingId);

    const late = await connectClient(server.port, claims("late", "ATTENDEE"), secret);
    try {
      const joined = await joinClient(late);
      expect(joined.room.recording).toMatchObject({ active: true, recordingId: recording.recordingId });
    } finally {
      late.close();
    }

    expect(await attendee.request("host:stopRecording")).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await active()).toEqual([recording.recordingId]);

    const stopped = await host.ok("host:stopRecording");
    expect(stopped.recording).toMatchObject({ active: false, failureCode: null });
    for (const client of [host, presenter, attendee]) await waitFor(() => recordingEvents(client).at(-1)?.active === false);
    expect(await active()).toEqual([]);
  }, 30_000);
});
