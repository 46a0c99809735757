/**
 * A media-server SIGKILL during a 30-peer meeting that is being recorded, on the whole stack
 * (scripts/start.ts supervises and restarts it). The host is a Chromium page (staff account, a
 * recorded conference scheduled now, fake 320×180 camera): its room client reconnects by itself.
 * 29 light clients (signaling only, tokens signed with the stack's MEDIA_SECRET) join, receive the
 * host's camera and microphone, and on losing their socket try again every 250 ms with a fresh
 * token. Figures: seconds from the kill until every light client has joined again and until the
 * host publishes again (seen by a light client), and the seconds of recording lost, from the live
 * playlist (the gap in its program date-times around the restart).
 *
 *   tsx bench/media-server-kill.ts [--skip-build] [--peers 30]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import type { TJoinTokenClaims, TProducerInfo } from "@diemcau/protocol";
import { connectClient, joinClient, type TTestClient } from "../media-server/src/test-client";
import { scheduleConferenceNow } from "./join/conference-now";
import { startRoomStack } from "./join/room-stack";
import { launchChromium, signInPage } from "./lib/browser";
import { formatTable, saveResults, verdict } from "./lib/results";

const { values: args } = parseArgs({ options: { "skip-build": { type: "boolean", default: false }, peers: { type: "string", default: "30" } } });
const lightCount = Number(args.peers) - 1;
const SECRET = "bench-media-server-kill-secret-0123456789";
const storageDir = mkdtempSync(path.join(tmpdir(), "diemcau-bench-kill-"));

const stack = await startRoomStack({
  build: !args["skip-build"],
  env: { MEDIA_SECRET: SECRET, STORAGE_DIR: storageDir, RTC_MIN_PORT: "46000", RTC_MAX_PORT: "46499", RECORDING_SIZE: "640x360" },
});
const browser = await launchChromium();

type TLight = { client: TTestClient | null; rejoinedAt: number | null; sawHostAt: number | null };
const lights: TLight[] = [];
let killedAt = 0;
let stopping = false;

function hostCamera(producers: TProducerInfo[], hostPeerId: string | undefined) {
  return producers.some((p) => p.source === "camera" && (hostPeerId === undefined || p.peerId === hostPeerId));
}

async function runLight(index: number, room: string): Promise<void> {
  const light: TLight = { client: null, rejoinedAt: null, sawHostAt: null };
  lights.push(light);
  const claims: TJoinTokenClaims = { room, userId: `light-${index}`, displayName: `Điểm cầu ${index}`, role: "ATTENDEE" };
  while (!stopping) {
    try {
      const client = await connectClient(Number(new URL(stack.mediaUrl).port), claims, SECRET);
      const joined = await joinClient(client);
      light.client = client;
      if (killedAt && light.rejoinedAt === null) light.rejoinedAt = Date.now();
      const seeHost = () => {
        if (killedAt && light.sawHostAt === null) light.sawHostAt = Date.now();
      };
      if (hostCamera(joined.room.producers, undefined)) seeHost();
      client.socket.on("producerAdded", ({ producer }: { producer: TProducerInfo }) => {
        if (producer.source === "camera") seeHost();
      });
      await client.ok("createTransport", { direction: "recv" });
      for (const producer of joined.room.producers) await client.request("consume", { producerId: producer.producerId });
      await new Promise<void>((resolve) => client.socket.once("disconnect", () => resolve()));
      light.client = null;
    } catch {
      await sleep(250);
    }
  }
}

function readPlaylist(): { pdt: number; duration: number; discontinuity: boolean }[] {
  const recordings = path.join(storageDir, "recordings");
  const [id] = readdirSync(recordings);
  const text = readFileSync(path.join(recordings, id!, "live", "index.m3u8"), "utf8");
  const segments: { pdt: number; duration: number; discontinuity: boolean }[] = [];
  let pdt = NaN;
  let discontinuity = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("#EXT-X-DISCONTINUITY")) discontinuity = true;
    else if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) pdt = Date.parse(line.slice(25));
    else if (line.startsWith("#EXTINF:")) {
      segments.push({ pdt, duration: Number(line.slice(8).split(",")[0]), discontinuity });
      discontinuity = false;
    }
  }
  return segments;
}

let result: Record<string, number | string> = {};
try {
  const context = await browser.newContext();
  const host = await context.newPage();
  await signInPage(host, stack.baseUrl, "canbo@diemcau.local");
  const roomPath = await scheduleConferenceNow(host, stack.baseUrl, "Bench: máy chủ họp bị tắt đột ngột", { record: true, onlyBridgePoint: 0 });
  await sleep(Math.max(0, Math.ceil(Date.now() / 60_000) * 60_000 - Date.now()) + 1000);
  const eventId = roomPath.split("/").at(-1)!;
  // The room's name, from a join token web issues the host.
  const tokenResponse = await host.request.post(`${stack.baseUrl}/api/meetings/${eventId}/token`, { data: {}, headers: { origin: stack.baseUrl } });
  if (!tokenResponse.ok()) throw new Error(`no join token for the host: ${tokenResponse.status()} ${await tokenResponse.text()}`);
  const { token } = (await tokenResponse.json()) as { token: string };
  const room = (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { room: string }).room;

  await host.goto(`${stack.baseUrl}${roomPath}?camera=320x180@15`);
  await host.getByRole("button", { name: "Tham gia" }).click();
  await host.getByText("● Đang ghi hình").waitFor({ timeout: 30_000 });
  const loops = Array.from({ length: lightCount }, (_, i) => runLight(i, room));
  const joinedBy = Date.now() + 60_000;
  while (lights.filter((l) => l.client).length < lightCount && Date.now() < joinedBy) await sleep(200);
  console.log(`  ${lights.filter((l) => l.client).length} light clients and the host in the room; recording for 15 s`);
  await sleep(15_000);

  const { pid } = (await (await fetch(`${stack.mediaUrl}/health`)).json()) as { pid: number };
  killedAt = Date.now();
  process.kill(pid, "SIGKILL");
  console.log(`  SIGKILL media-server (pid ${pid})`);
  const backBy = Date.now() + 120_000;
  while (Date.now() < backBy && lights.some((l) => l.rejoinedAt === null || l.sawHostAt === null)) await sleep(200);
  const rejoined = lights.flatMap((l) => (l.rejoinedAt ? [(l.rejoinedAt - killedAt) / 1000] : []));
  const hostBack = lights.flatMap((l) => (l.sawHostAt ? [(l.sawHostAt - killedAt) / 1000] : []));
  // Let the resumed recording write a few segments before reading its playlist.
  await sleep(12_000);
  const segments = readPlaylist();
  const resumed = segments.findIndex((s, i) => i > 0 && s.pdt > killedAt - 1000 && (s.discontinuity || s.pdt - (segments[i - 1]!.pdt + segments[i - 1]!.duration * 1000) > 500));
  const before = segments[resumed - 1];
  const after = segments[resumed];
  const lostSeconds = before && after ? (after.pdt - (before.pdt + before.duration * 1000)) / 1000 : NaN;
  result = {
    lightClients: lightCount,
    rejoined: rejoined.length,
    allRejoinedSeconds: Math.max(...rejoined),
    medianRejoinSeconds: rejoined.sort((a, b) => a - b)[Math.floor(rejoined.length / 2)] ?? NaN,
    hostPublishingAgainSeconds: Math.max(...hostBack),
    segments: segments.length,
    recordingLostSeconds: lostSeconds,
  };
  stopping = true;
  for (const light of lights) light.client?.close();
  await Promise.race([Promise.all(loops), sleep(5000)]);
} finally {
  await browser.close();
  await stack.close();
  rmSync(storageDir, { recursive: true, force: true });
}
console.log();
console.log(formatTable(Object.keys(result), [Object.values(result).map((v) => (typeof v === "number" ? Number(v.toFixed(2)) : v))]));
const ok = result.rejoined === lightCount && Number.isFinite(result.recordingLostSeconds as number);
console.log(`\nevery client back and the recording resumed: ${verdict(ok)}`);
saveResults("media-server-kill", { ...result, ok });
process.exit(ok ? 0 : 1);
