import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { recordingKeys, ZRecorderStateSchema, type TJoinTokenClaims, type TRoomRecording } from "@diemcau/protocol";
import { isRecorderFfmpeg } from "./recorder-orphans";
import { decodeErrors, decodeSegmentErrors, readPlaylist } from "./recorder-test-media";
import { connectClient, joinClient, waitFor, type TTestClient } from "./test-client";

const secret = "recorder-sigkill-test-secret-0123456789";
const host: TJoinTokenClaims = { room: "event-sigkill", userId: "host", displayName: "Chủ trì", role: "HOST" };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Every ffmpeg on this machine writing the given playlist. */
function ffmpegsWriting(playlist: string): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        return args[0]?.includes("ffmpeg") && args.includes(playlist);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const recordingOf = (client: TTestClient) =>
  client.events.filter((e) => e.event === "recordingStateChanged").map((e) => (e.data as { recording: TRoomRecording }).recording);

describe("media-server SIGKILLed while recording (real processes, mediasoup, ffmpeg)", () => {
  const storageDir = mkdtempSync(join(tmpdir(), "diemcau-sigkill-"));
  const children: ChildProcess[] = [];
  const clients: TTestClient[] = [];

  /** `node --import tsx src/main.ts`: one process, so its pid is the media-server's own (tsx's CLI would fork). */
  const startServer = async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: join(import.meta.dirname, ".."),
      env: {
        ...process.env,
        NODE_ENV: "test",
        PORT: String(port),
        MEDIA_SECRET: secret,
        STORAGE_DIR: storageDir,
        NUM_WORKERS: "1",
        RTC_MIN_PORT: "44000",
        RTC_MAX_PORT: "44499",
        RECORDING_SIZE: "640x360",
        // Nobody listens: the reporter retries in the background and media goes on.
        WEB_URL: "http://127.0.0.1:9",
      },
      stdio: ["ignore", process.env.RECORDER_TEST_LOG ? "inherit" : "ignore", "inherit"],
    });
    children.push(child);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json() as Promise<{ ok: boolean; pid: number }>).catch(() => null);
      if (health?.ok) {
        expect(health.pid).toBe(child.pid);
        break;
      }
      if (child.exitCode !== null || Date.now() > deadline) throw new Error("media-server did not start");
      await sleep(100);
    }
    return { port, child };
  };

  const joinAsHost = async (port: number) => {
    const client = await connectClient(port, host, secret);
    clients.push(client);
    await joinClient(client);
    return client;
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    if (!process.env.KEEP_RECORDINGS) rmSync(storageDir, { recursive: true, force: true });
  });

  it("keeps the segments before the kill, kills the orphaned ffmpeg and resumes as run 2 in the same playlist", async () => {
    const first = await startServer();
    const before = await joinAsHost(first.port);
    const { recording } = await before.ok("host:startRecording");
    expect(recording).toMatchObject({ active: true, recordingId: expect.any(String) });
    await waitFor(() => recordingOf(before).some((r) => r.active));
    const recordingId = recording.recordingId!;
    const playlist = join(storageDir, recordingKeys.livePlaylist(recordingId));
    const liveDir = join(storageDir, recordingKeys.liveDir(recordingId));

    await sleep(8000);
    const state = ZRecorderStateSchema.parse(JSON.parse(readFileSync(join(storageDir, recordingKeys.recorderState(recordingId)), "utf8")));
    const orphan = state.runs[0]!.pid!;
    expect(await isRecorderFfmpeg(orphan, playlist)).toBe(true);

    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    before.close();
    // What was written before the kill is there and decodes (no ENDLIST yet: decode the segments).
    const kept = readPlaylist(playlist);
    expect(kept.segments.length).toBeGreaterThanOrEqual(2);
    expect(kept.endlist).toBe(false);
    expect(decodeSegmentErrors(kept.segments.map((segment) => join(liveDir, segment)))).toEqual([]);

    const second = await startServer();
    // Start-up killed the ffmpeg the first process left, before anyone came back.
    expect(await isRecorderFfmpeg(orphan, playlist)).toBe(false);
    const after = await joinAsHost(second.port);
    await waitFor(() => recordingOf(after).some((r) => r.active && r.recordingId === recordingId), 10_000);
    await sleep(5000);
    await after.ok("host:stopRecording");

    const resumed = readPlaylist(playlist);
    expect(resumed.segments.slice(0, kept.segments.length)).toEqual(kept.segments);
    expect(resumed.segments.some((s) => s.startsWith("seg-r2-"))).toBe(true);
    expect(resumed.discontinuities).toBeGreaterThanOrEqual(1);
    expect(resumed.endlist).toBe(true);
    expect(decodeErrors(playlist)).toEqual([]);
    expect(ffmpegsWriting(playlist)).toEqual([]);
  }, 90_000);
});
