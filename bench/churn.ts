/**
 * Churn: 200 light clients join and leave a media-server process for 10 minutes. Each one, again
 * and again: connects with a fresh join token, joins one of a few rooms, opens its send and
 * receive transports, publishes a microphone (half also a simulcast camera), consumes what others
 * publish, stays a few seconds, then leaves or just drops its socket. Light clients speak only
 * signaling (no ICE/DTLS, so no media flows): the objects the server makes for them are the same.
 * Figures: mediasoup objects left at the end (observer and worker dumps), and media-server's memory
 * (its Node process and its mediasoup worker) at the start, its peak and the end.
 *
 *   tsx bench/churn.ts [--clients 200] [--minutes 10] [--rooms 4]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import type { TJoinTokenClaims } from "@diemcau/protocol";
import { connectClient, opusParameters, vp8SimulcastParameters, type TTestClient } from "../media-server/src/test-client";
import { startMediaServerProcess } from "./media-server/process";
import type { TChildStats } from "./media-server/protocol";
import { formatTable, saveResults, verdict } from "./lib/results";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "200" },
    minutes: { type: "string", default: "10" },
    rooms: { type: "string", default: "4" },
  },
});
const clientCount = Number(args.clients);
const runMs = Number(args.minutes) * 60_000;
const roomCount = Number(args.rooms);
const SECRET = "bench-churn-secret-0123456789abcdef-xyz";
const MB = 1024 * 1024;
/** Memory counts as flat when the end is within this of the start. */
const FLAT_TOLERANCE = 0.15;

// Stands in for web's internal endpoint, so attendance reports are delivered rather than queued.
const reportSink = createServer((req, res) => {
  req.resume().on("end", () => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
});
await new Promise<void>((resolve) => reportSink.listen(0, "127.0.0.1", resolve));
const server = await startMediaServerProcess({
  PORT: process.env.BENCH_MEDIA_SERVER_PORT ?? "3701",
  RTC_MIN_PORT: "46000",
  RTC_MAX_PORT: "46999",
  NUM_WORKERS: "1",
  EMPTY_ROOM_GRACE_SECONDS: "2",
  MEDIA_SECRET: SECRET,
  WEB_URL: `http://127.0.0.1:${(reportSink.address() as AddressInfo).port}`,
});

const tallies = { sessions: 0, drops: 0, leaves: 0, failures: 0, consumers: 0 };
const failureCodes = new Map<string, number>();
let stopping = false;

async function session(index: number, round: number): Promise<void> {
  const claims: TJoinTokenClaims = { room: `churn-${index % roomCount}`, userId: `c${index}-${round}`, displayName: `Khách ${index}`, role: "ATTENDEE" };
  let client: TTestClient | undefined;
  try {
    client = await connectClient(server.port, claims, SECRET);
    const { rtpCapabilities } = await client.ok("getRouterRtpCapabilities");
    const joined = await client.ok("join", { rtpCapabilities });
    const send = await client.ok("createTransport", { direction: "send" });
    await client.ok("createTransport", { direction: "recv" });
    await client.ok("produce", { transportId: send.transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });
    if (index % 2 === 0)
      await client.ok("produce", { transportId: send.transportId, kind: "video", source: "camera", rtpParameters: vp8SimulcastParameters() });
    const producers = joined.room.producers.slice(0, 20);
    for (const producer of producers) {
      const consumed = await client.request("consume", { producerId: producer.producerId });
      if (consumed.ok) {
        tallies.consumers++;
        await client.request("resumeConsumer", { consumerId: consumed.data.consumerId });
      }
    }
    tallies.sessions++;
    await sleep(3000 + Math.random() * 12_000);
    if (Math.random() < 0.5) {
      await client.request("leave");
      tallies.leaves++;
    } else tallies.drops++;
  } catch (error) {
    tallies.failures++;
    const code = (error as Error).message.split(" ")[2] ?? "other";
    failureCodes.set(code, (failureCodes.get(code) ?? 0) + 1);
  } finally {
    client?.close();
  }
}

async function clientLoop(index: number): Promise<void> {
  await sleep(Math.random() * 5000);
  for (let round = 0; !stopping; round++) {
    await session(index, round);
    await sleep(Math.random() * 2000);
  }
}

const samples: { atSeconds: number; stats: TChildStats }[] = [];
const started = Date.now();
const loops = Array.from({ length: clientCount }, (_, i) => clientLoop(i));
// The start figure is taken once every client has been through its first session.
await sleep(20_000);
while (Date.now() - started < runMs) {
  const stats = await server.stats();
  samples.push({ atSeconds: (Date.now() - started) / 1000, stats });
  console.log(
    `  ${samples.at(-1)!.atSeconds.toFixed(0)} s: sessions ${tallies.sessions}, live transports ${stats.live.transports}, producers ${stats.live.producers}, consumers ${stats.live.consumers}, RSS ${(stats.rss / MB).toFixed(0)} MB (heap ${(stats.heapUsed / MB).toFixed(0)} MB) + worker ${(stats.workerRss / MB).toFixed(0)} MB`,
  );
  await sleep(15_000);
}
stopping = true;
await Promise.all(loops);
let after = await server.stats();
const until = Date.now() + 30_000;
while (Date.now() < until && (after.rooms > 0 || after.live.routers + after.live.transports + after.live.producers + after.live.consumers > 0)) {
  await sleep(500);
  after = await server.stats();
}
const alive = server.alive();
await server.close();
reportSink.close();

const total = (s: TChildStats) => s.rss + s.workerRss;
const start = samples[0]!.stats;
const peak = samples.reduce((max, s) => (total(s.stats) > total(max) ? s.stats : max), start);
const end = samples.at(-1)!.stats;
const leaked = after.live.transports + after.live.producers + after.live.consumers + after.live.routers + after.routerIds.length;
const flat = total(end) <= total(start) * (1 + FLAT_TOLERANCE);
console.log();
console.log(
  formatTable(
    ["clients", "minutes", "sessions", "left", "dropped", "failed", "consumers made", "crashed", "objects left", "RSS start MB", "peak MB", "end MB", "after all left MB"],
    [[
      clientCount,
      (runMs / 60_000).toFixed(0),
      tallies.sessions,
      tallies.leaves,
      tallies.drops,
      tallies.failures,
      tallies.consumers,
      alive && after.workersDied === 0 ? "no" : "YES",
      leaked,
      (total(start) / MB).toFixed(0),
      (total(peak) / MB).toFixed(0),
      (total(end) / MB).toFixed(0),
      (total(after) / MB).toFixed(0),
    ]],
  ),
);
console.log(`  (Node process / worker: start ${(start.rss / MB).toFixed(0)}/${(start.workerRss / MB).toFixed(0)}, peak ${(peak.rss / MB).toFixed(0)}/${(peak.workerRss / MB).toFixed(0)}, end ${(end.rss / MB).toFixed(0)}/${(end.workerRss / MB).toFixed(0)} MB)`);
const heaps = samples.map((s) => s.stats.heapUsed);
console.log(`  (live JS heap after a full GC: start ${(heaps[0]! / MB).toFixed(1)}, peak ${(Math.max(...heaps) / MB).toFixed(1)}, end ${(heaps.at(-1)! / MB).toFixed(1)}, after all left ${(after.heapUsed / MB).toFixed(1)} MB)`);
if (failureCodes.size) console.log(`  failures: ${JSON.stringify(Object.fromEntries(failureCodes))}`);
const ok = leaked === 0 && alive && after.workersDied === 0 && flat;
console.log(`\n0 mediasoup objects left, no crash, memory flat (end within ${FLAT_TOLERANCE * 100} % of start): ${verdict(ok)}`);
saveResults("churn", { clientCount, runMs, tallies, failureCodes: Object.fromEntries(failureCodes), samples, after, ok });
process.exit(ok ? 0 : 1);
