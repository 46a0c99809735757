/**
 * 100,000 random and malformed signaling messages against a real media-server process (its own
 * mediasoup worker, socket.io, config.ts), from clients that also join, publish, consume, leave
 * and drop their sockets in between. Then every client goes, and the figures are: crashes of the
 * media-server or its worker (0), requests left without an answer (0), INTERNAL answers (0), and
 * mediasoup objects left (0), counted through mediasoup's observer and the workers' dumps.
 *
 *   tsx bench/signaling-fuzz.ts [--messages 100000] [--clients 20] [--seed 20261203]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { signalingRequests, ZAckSchema, ZSignalingErrorSchema, type TJoinTokenClaims, type TSignalingRequestName } from "@diemcau/protocol";
import { fuzzedNames, fuzzer, prng } from "../media-server/src/signaling-fuzzer";
import { connectClient, joinClient, opusParameters, type TTestClient } from "../media-server/src/test-client";
import { startMediaServerProcess } from "./media-server/process";
import { formatTable, saveResults, verdict } from "./lib/results";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "100000" },
    clients: { type: "string", default: "40" },
    seed: { type: "string", default: "20261203" },
  },
});
const total = Number(args.messages);
const clientCount = Number(args.clients);
const SECRET = "bench-signaling-fuzz-secret-0123456789abcdef";
const ROOM = "fuzz";
const CONCURRENCY = 100;

// A fuzzed host:startRecording runs the real recorder: its files go to a throwaway folder.
const storageDir = mkdtempSync(path.join(tmpdir(), "diemcau-bench-fuzz-"));
const server = await startMediaServerProcess({
  STORAGE_DIR: storageDir,
  PORT: process.env.BENCH_MEDIA_SERVER_PORT ?? "3701",
  RTC_MIN_PORT: "46000",
  RTC_MAX_PORT: "46999",
  NUM_WORKERS: "1",
  EMPTY_ROOM_GRACE_SECONDS: "1",
  MEDIA_SECRET: SECRET,
  WEB_URL: "http://127.0.0.1:9",
  // The per-socket rate limit would answer most of a flood with RATE_LIMITED before it reached a room.
  BENCH_RATE_LIMIT: JSON.stringify({ burst: 1_000_000, perSecond: 1_000_000, rejectionsBeforeDisconnect: 100 }),
});
const before = await server.stats();
const random = prng(Number(args.seed));
const claims = (userId: string, role: TJoinTokenClaims["role"]): TJoinTokenClaims => ({ room: ROOM, userId, displayName: userId, role });

const known = new Set<string>();
const ids = () => (known.size ? [...known] : ["none"]);
const { pick, payload, scalar } = fuzzer(random, ids);
const codes = new Map<string, number>();
const count = (code: string) => codes.set(code, (codes.get(code) ?? 0) + 1);

const host = await connectClient(server.port, claims("host", "HOST"), SECRET);
await joinClient(host);
const { rtpCapabilities } = await host.ok("getRouterRtpCapabilities");
const hostSend = await host.ok("createTransport", { direction: "send" });
known.add((await host.ok("produce", { transportId: hostSend.transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() })).producerId);

let generation = 0;
async function freshClient(index: number): Promise<TTestClient> {
  const role = pick(["HOST", "PRESENTER", "ATTENDEE"] as const);
  const client = await connectClient(server.port, { ...claims(`fuzz-${index}-${generation++}`, role), bridgePointId: `bp-${index}` }, SECRET);
  if (random() < 0.8) await client.request("join", { rtpCapabilities } as never);
  return client;
}
const clients: TTestClient[] = [];
for (let i = 0; i < clientCount; i++) clients.push(await freshClient(i));

let sent = 0;
let unanswered = 0;
let reconnects = 0;
const started = performance.now();
while (sent < total) {
  const batch = Array.from({ length: Math.min(CONCURRENCY, total - sent) }, async () => {
    const index = Math.floor(random() * clients.length);
    const client = clients[index]!;
    const roll = random();
    const name = roll < 0.9 ? pick(fuzzedNames) : pick(["", "nope", "__proto__", "toString", "host:", "join ", "constructor"]);
    const args = roll < 0.95 ? [payload(name, rtpCapabilities)] : random() < 0.5 ? [] : [payload(name, rtpCapabilities), scalar()];
    sent++;
    if (!client.socket.connected) return count("socket-closed");
    let ack: unknown;
    try {
      ack = await client.socket.timeout(15_000).emitWithAck(name, ...args);
    } catch {
      // A socket the server ended (REPLACED, removed, ended) gets no ack; only a live one counts.
      if (client.socket.connected) unanswered++;
      return count("no-ack");
    }
    const schema = Object.hasOwn(signalingRequests, name) ? ZAckSchema(signalingRequests[name as TSignalingRequestName].response) : ZAckSchema(ZSignalingErrorSchema);
    const parsed = schema.safeParse(ack);
    if (!parsed.success) return count("malformed-ack");
    if (parsed.data.ok) {
      for (const v of Object.values(parsed.data.data as Record<string, unknown>)) if (typeof v === "string") known.add(v);
      return count("ok");
    }
    count(parsed.data.error.code);
  });
  await Promise.all(batch);
  // Churn: some sockets drop without a word, some leave; closed ones come back as new peers.
  for (let i = 0; i < clients.length; i++) {
    if (random() < 0.01) clients[i]!.close();
    if (!clients[i]!.socket.connected) {
      clients[i] = await freshClient(i);
      reconnects++;
    }
  }
  if (known.size > 5000) known.clear();
  if (sent % 10_000 === 0) console.log(`  ${sent} messages, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const seconds = (performance.now() - started) / 1000;
const during = await server.stats();

for (const client of [...clients, host]) client.close();
const until = Date.now() + 30_000;
let after = await server.stats();
while (Date.now() < until && (after.rooms > 0 || after.live.transports + after.live.producers + after.live.consumers + after.live.routers > 0)) {
  await sleep(250);
  after = await server.stats();
}
const alive = server.alive();
await server.close();
rmSync(storageDir, { recursive: true, force: true });

const leaked = after.live.transports + after.live.producers + after.live.consumers;
const crashes = (alive ? 0 : 1) + after.workersDied + (after.workerPids.join() === before.workerPids.join() ? 0 : 1);
const internal = codes.get("INTERNAL") ?? 0;
console.log(formatTable(["answer", "count"], [...codes].sort((a, b) => b[1] - a[1])));
console.log();
console.log(
  formatTable(
    ["messages", "seconds", "msg/s", "reconnects", "crashes", "unanswered", "INTERNAL", "peak live transports", "left: transports", "producers", "consumers", "routers (dump)", "transports (dump)"],
    [[sent, seconds.toFixed(1), (sent / seconds).toFixed(0), reconnects, crashes, unanswered, internal, during.live.transports, after.live.transports, after.live.producers, after.live.consumers, after.routerIds.length, after.dumpedTransports]],
  ),
);
const ok = crashes === 0 && unanswered === 0 && internal === 0 && leaked === 0 && after.routerIds.length === 0;
console.log(`\n0 crashes, 0 unanswered, 0 INTERNAL, 0 mediasoup objects left: ${verdict(ok)}`);
saveResults("signaling-fuzz", { sent, seconds, reconnects, crashes, unanswered, codes: Object.fromEntries(codes), during, after, ok });
process.exit(ok ? 0 : 1);
