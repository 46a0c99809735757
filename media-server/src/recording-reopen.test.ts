import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TJoinTokenClaims } from "@diemcau/protocol";
import { startMediaServer, type TMediaServer } from "./server";
import { connectClient, joinClient, waitFor } from "./test-client";
import { testConfig } from "./test-config";

const storageDir = mkdtempSync(join(tmpdir(), "diemcau-rec-reopen-"));
const config = testConfig({ storageDir, emptyRoomGraceMs: 50, webInternalUrl: "http://127.0.0.1:9", recording: { width: 320, height: 180, ffmpegPath: "ffmpeg" } });
const room = "event-reopened";
const host: TJoinTokenClaims = { room, userId: "host", displayName: "Chủ trì", role: "HOST" };

describe("a recorded room that closes and opens again at once (real server, mediasoup, ffmpeg)", () => {
  let server: TMediaServer;
  beforeAll(async () => {
    server = await startMediaServer(config, { port: 0, log: () => {} });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it("records the new room when its host starts, while the old room's recording is still being stopped", async () => {
    const first = await connectClient(server.port, host, config.mediaSecret);
    await joinClient(first);
    const { recording: old } = await first.ok("host:startRecording");
    expect(old.active).toBe(true);
    first.close();
    // The room closes once empty; its recorder then stops ffmpeg, which takes a moment.
    await waitFor(() => server.rooms.find(room) === undefined, 5000);

    const again = await connectClient(server.port, host, config.mediaSecret);
    await joinClient(again);
    const { recording } = await again.ok("host:startRecording");
    expect(recording).toMatchObject({ active: true });
    expect(recording.recordingId).not.toBe(old.recordingId);
    expect(server.rooms.find(room)!.recording).toMatchObject({ active: true, recordingId: recording.recordingId });
    await again.ok("host:stopRecording");
    again.close();
  });
});
