import { createServer, type IncomingMessage, type Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryNonceStore, RECORDING_EVENTS_BATCH_MAX, ZRecordingEventBatchSchema, type TRecordingEvent } from "@diemcau/protocol";
import { RecordingReporter } from "./recording-reporter";
import { waitFor } from "./test-client";
import { isSignedBy } from "./test-signed-request";

const secret = "recording-reporter-test-secret-0123456789";

const segment = (n: number): TRecordingEvent => ({
  type: "recording.segment",
  recordingId: "rec-1",
  run: 1,
  segment: `seg-r1-${String(n).padStart(5, "0")}.ts`,
  durationSec: 2,
  totalDurationSec: 2 * (n + 1),
  segmentCount: n + 1,
  at: new Date(Date.UTC(2026, 8, 5, 1, 0, n)).toISOString(),
});

type TReceived = { at: number; signed: boolean; authorization: string | undefined; events: TRecordingEvent[]; status: number };

/** A stand-in for web's events endpoint: answers each request with the next status (200 once they run out). */
async function standInWeb(statuses: number[] = [], port = 0): Promise<{ server: Server; url: string; received: TReceived[] }> {
  const received: TReceived[] = [];
  const nonces = new MemoryNonceStore();
  const server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      void isSignedBy(req, body, secret, nonces).then((signed) => {
        const status = statuses.shift() ?? 200;
        const events = ZRecordingEventBatchSchema.parse(JSON.parse(body)).events;
        received.push({ at: Date.now(), signed, authorization: req.headers.authorization, events, status });
        res.writeHead(status, { "content-type": "application/json" }).end("{}");
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received };
}

const delivered = (received: TReceived[]) => received.filter((r) => r.status === 200).flatMap((r) => r.events);

describe("RecordingReporter against a real HTTP server", () => {
  const servers: Server[] = [];
  const reporters: RecordingReporter[] = [];
  const reporter = (webUrl: string, extra: Partial<ConstructorParameters<typeof RecordingReporter>[0]> = {}) => {
    const r = new RecordingReporter({ webUrl, secret, log: () => {}, minDelayMs: 100, maxDelayMs: 2000, ...extra });
    reporters.push(r);
    return r;
  };

  afterEach(async () => {
    for (const r of reporters.splice(0)) await r.close();
    for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  });

  it("sends a burst in order, in batches of at most the protocol's maximum, each signed and never with the secret itself", async () => {
    const web = await standInWeb();
    servers.push(web.server);
    const r = reporter(web.url);
    const events = Array.from({ length: 2 * RECORDING_EVENTS_BATCH_MAX + 50 }, (_, n) => segment(n));
    for (const event of events) r.report(event);
    await waitFor(() => r.pending === 0);
    expect(web.received.map((b) => b.events.length)).toEqual([RECORDING_EVENTS_BATCH_MAX, RECORDING_EVENTS_BATCH_MAX, 50]);
    expect(web.received.every((b) => b.signed && b.authorization === undefined)).toBe(true);
    expect(delivered(web.received)).toEqual(events);
  });

  it("retries with growing delays while web fails, then delivers everything once and in order", async () => {
    const web = await standInWeb([503, 503, 503]);
    servers.push(web.server);
    const r = reporter(web.url);
    r.report({ type: "recording.started", recordingId: "rec-1", roomId: "event-1", startedAt: "2026-09-05T01:00:00.000Z", storagePrefix: "recordings/rec-1", run: 1 });
    await waitFor(() => web.received.length >= 2, 5000);
    // Reported during the outage: they queue behind the first and go with it.
    r.report(segment(0));
    r.report(segment(1));
    await waitFor(() => r.pending === 0, 10_000);
    const gaps = web.received.slice(1).map((b, i) => b.at - web.received[i]!.at);
    // 100, 200, 400 ms ± 25 % jitter: each wait longer than the one before.
    expect(gaps).toHaveLength(3);
    expect(gaps[0]).toBeGreaterThanOrEqual(70);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!);
    expect(delivered(web.received).map((e) => e.type)).toEqual(["recording.started", "recording.segment", "recording.segment"]);
    // Every attempt is signed afresh, so web's replay check never refuses a retry.
    expect(web.received.every((b) => b.signed)).toBe(true);
  });

  it("holds events while web is not even listening and delivers them once it comes up on its address", async () => {
    const probe = await standInWeb();
    const port = (probe.server.address() as { port: number }).port;
    await new Promise((resolve) => probe.server.close(resolve));
    const r = reporter(`http://127.0.0.1:${port}`);
    for (let n = 0; n < 5; n++) r.report(segment(n));
    await sleep(400);
    expect(r.pending).toBe(5);
    const web = await standInWeb([], port);
    servers.push(web.server);
    await waitFor(() => r.pending === 0, 10_000);
    expect(delivered(web.received).map((e) => (e.type === "recording.segment" ? e.segmentCount : 0))).toEqual([1, 2, 3, 4, 5]);
  });

  it("drops a batch web refuses as invalid (400) instead of retrying it forever, and goes on", async () => {
    const web = await standInWeb([400]);
    servers.push(web.server);
    const r = reporter(web.url);
    r.report(segment(0));
    await waitFor(() => r.pending === 0);
    r.report(segment(1));
    await waitFor(() => web.received.length === 2);
    expect(web.received.map((b) => b.status)).toEqual([400, 200]);
    expect(delivered(web.received)).toEqual([segment(1)]);
  });
});
