/**
 * Recorder churn: one recorded meeting of 30 synthetic participants who join, leave, reconnect,
 * unmute and mute again for 5 minutes. The room is our media-server's own room layer (WorkerPool →
 * Rooms → Room, as bench/sfu/room-forwarder.ts drives it) and the recorder is media-server's
 * Recorder with a real ffmpeg. Each participant is an ffmpeg replaying the benchmark's VP8 + Opus
 * file over plain RTP (bench/sfu/), joining with its microphone muted.
 *
 * The synthetic senders carry no audio-level header extension, so the room's active-speaker
 * observer stays silent: the benchmark names the one who unmutes as the active speaker, as the
 * observer would when they talk.
 *
 * Figures: ffmpeg runs (target 1, i.e. 0 restarts), the recorded duration (ffprobe) against the
 * wall clock (target within 1 s), discontinuity tags, slot switches, and the recorder's CPU per
 * recording: its ffmpeg, and its relay as the extra CPU of this Node process while recording over
 * the same churn before the recording (the mediasoup worker's extra is shown beside it).
 *
 *   tsx bench/recorder-churn.ts [--participants 30] [--seconds 300] [--size 1280x720]
 */
import { setMaxListeners } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { recordingKeys } from "@diemcau/protocol";
import type { Peer, TPeerChannel } from "../media-server/src/Peer";
import { Recorder } from "../media-server/src/Recorder";
import { RecorderStateStore } from "../media-server/src/RecorderState";
import { probeDuration, readPlaylist } from "../media-server/src/recorder-test-media";
import type { Room } from "../media-server/src/Room";
import { DEFAULT_ROOM_LIMITS } from "../media-server/src/config";
import { Rooms } from "../media-server/src/Rooms";
import { WorkerPool } from "../media-server/src/WorkerPool";
import { processCpuSeconds } from "./lib/process-cpu";
import { formatTable, saveResults, verdict } from "./lib/results";
import { FfmpegSender } from "./sfu/ffmpeg-sender";
import { ensureMediaFile } from "./sfu/media-file";
import { ingestPortsOf, SEND_TRANSPORT_OPTIONS, senderRtpParameters } from "./sfu/plain-rtp";

const { values: args } = parseArgs({
  options: {
    participants: { type: "string", default: "30" },
    seconds: { type: "string", default: "300" },
    size: { type: "string", default: "1280x720" },
  },
});
const participantCount = Math.max(2, Number(args.participants));
const recordSeconds = Math.max(20, Number(args.seconds));
const [width, height] = args.size.split("x").map(Number) as [number, number];
/** The churn runs this long before the recording too, for the Node and worker baseline. */
const BASELINE_SECONDS = 20;
const DURATION_TOLERANCE_SECONDS = 1;
/** How long a participant stays, is away, stays unmuted, and waits between unmutes (s, uniform). */
const STAY_SECONDS = [20, 90] as const;
const AWAY_SECONDS = [3, 20] as const;
const UNMUTED_SECONDS = [2, 10] as const;
const BETWEEN_UNMUTES_SECONDS = [5, 30] as const;
/** A leave is a reconnect (the same account back at once, as after a dropped connection) this often. */
const RECONNECT_SHARE = 0.3;

/** Socket.io would carry these to browsers; the benchmark has no browsers, so events end here. */
const DISCARDING_CHANNEL: TPeerChannel = { notify: () => {}, disconnect: () => {} };
const between = ([min, max]: readonly [number, number]) => (min + Math.random() * (max - min)) * 1000;

const mediaFile = ensureMediaFile();
const pool = await WorkerPool.create({ numWorkers: 1, rtcMinPort: 47000, rtcMaxPort: 47999 });
const rooms = new Rooms({ pool, listenIp: { ip: "127.0.0.1" }, ice: { urls: [], credentialTtlSeconds: 3600 }, emptyGraceMs: 600_000, limits: DEFAULT_ROOM_LIMITS });
const room: Room = await rooms.get("bench-recorder-churn");
const workerPid = pool.workers[0]!.pid;
const tallies = { joins: 0, leaves: 0, reconnects: 0, unmutes: 0, failures: 0 };
/** Ends every participant's waits at once when the recording is over. */
const over = new AbortController();
setMaxListeners(participantCount * 2 + 10, over.signal);
const wait = (ms: number) => sleep(ms, undefined, { signal: over.signal });

type TPresence = { peer: Peer; sender: FfmpegSender; mic: string };
const present = new Map<number, TPresence>();

async function join(index: number): Promise<TPresence> {
  const peer = room.join(
    { room: room.id, userId: `participant-${index}`, displayName: `Điểm cầu ${index + 1}`, role: "PRESENTER" },
    room.router.rtpCapabilities,
    false,
    DISCARDING_CHANNEL,
  );
  const params = senderRtpParameters(index);
  const audio = await room.createPlainTransport(peer, "send", SEND_TRANSPORT_OPTIONS);
  const video = await room.createPlainTransport(peer, "send", SEND_TRANSPORT_OPTIONS);
  const { producerId: mic } = await room.produce(peer, audio.id, "audio", "mic", params.audio);
  await room.pauseProducer(peer, mic); // everyone joins muted
  await room.produce(peer, video.id, "video", "camera", params.video);
  const ports = { audio: ingestPortsOf(audio), video: ingestPortsOf(video) };
  const sender = new FfmpegSender([mediaFile], {
    audio: { ...ports.audio, ssrc: params.audioSsrc, payloadType: 100 },
    video: params.videoSsrcs.map((ssrc) => ({ ...ports.video, ssrc, payloadType: 101 })),
  });
  tallies.joins++;
  const presence = { peer, sender, mic };
  present.set(index, presence);
  return presence;
}

async function leave(index: number): Promise<void> {
  const presence = present.get(index);
  if (!presence) return;
  present.delete(index);
  room.leave(presence.peer);
  await presence.sender.stop();
  tallies.leaves++;
}

/** Unmutes now and then while present: the one who unmutes is the speaker. */
async function speakNowAndThen({ peer, mic }: TPresence, until: number): Promise<void> {
  for (;;) {
    const quiet = between(BETWEEN_UNMUTES_SECONDS);
    if (Date.now() + quiet >= until) return;
    await wait(quiet);
    if (peer.closed) return;
    await room.resumeProducer(peer, mic);
    room.activeSpeakerPeerId = peer.id;
    room.emit("activeSpeakerChanged", peer.id);
    tallies.unmutes++;
    await wait(between(UNMUTED_SECONDS));
    if (peer.closed) return;
    await room.pauseProducer(peer, mic);
  }
}

async function participantLoop(index: number): Promise<void> {
  try {
    await wait(Math.random() * 5000);
    for (;;) {
      try {
        const presence = await join(index);
        const until = Date.now() + between(STAY_SECONDS);
        await speakNowAndThen(presence, until);
        await wait(Math.max(0, until - Date.now()));
        await leave(index);
        if (Math.random() < RECONNECT_SHARE) tallies.reconnects++;
        else await wait(between(AWAY_SECONDS));
      } catch (error) {
        if (over.signal.aborted) throw error;
        tallies.failures++;
        console.error(`participant ${index}: ${(error as Error).message}`);
        await leave(index);
        await wait(1000);
      }
    }
  } catch {
    // the recording is over
  }
}

const cpuOf = () => ({ node: process.cpuUsage(), worker: processCpuSeconds(workerPid), at: performance.now() });
const coreShare = (from: ReturnType<typeof cpuOf>, to: ReturnType<typeof cpuOf>) => {
  const wall = (to.at - from.at) / 1000;
  const node = (to.node.user + to.node.system - from.node.user - from.node.system) / 1e6;
  return { node: node / wall, worker: (to.worker - from.worker) / wall };
};

const loops = Array.from({ length: participantCount }, (_, i) => participantLoop(i));
console.log(`  ${participantCount} participants joining, ${BASELINE_SECONDS} s of churn before the recording…`);
await sleep(5000);
const baselineStart = cpuOf();
await sleep(BASELINE_SECONDS * 1000);
const baseline = coreShare(baselineStart, cpuOf());

const storageDir = mkdtempSync(path.join(tmpdir(), "diemcau-bench-recorder-"));
const ffmpegRuns: number[] = [];
const recorder = await Recorder.start({
  source: room,
  store: new RecorderStateStore(storageDir),
  ffmpegPath: "ffmpeg",
  width,
  height,
  report: () => {},
  log: (message) => {
    if (/: run \d+ \(ffmpeg/.test(message)) ffmpegRuns.push(Date.now());
    if (!/: run 1 \(ffmpeg/.test(message)) console.log(`  ${message}`);
  },
});
const recordStart = cpuOf();
const churnBefore = { ...tallies };
const startedAt = Date.now();
let ffmpegCpu = 0;
let ffmpegPid = recorder.process?.pid;
let ffmpegCpuAtPid = ffmpegPid ? processCpuSeconds(ffmpegPid) : 0;
/** ffmpeg's CPU, summed over its runs (a crash restart would start a new process). */
const sampleFfmpeg = () => {
  const pid = recorder.process?.pid;
  if (pid !== ffmpegPid) {
    ffmpegPid = pid;
    ffmpegCpuAtPid = pid ? processCpuSeconds(pid) : 0;
  }
  if (pid) {
    const now = processCpuSeconds(pid);
    ffmpegCpu += now - ffmpegCpuAtPid;
    ffmpegCpuAtPid = now;
  }
};
while (Date.now() - startedAt < recordSeconds * 1000) {
  await sleep(Math.min(15_000, recordSeconds * 1000 - (Date.now() - startedAt)));
  sampleFfmpeg();
  const present = room.peers.size;
  console.log(
    `  ${((Date.now() - startedAt) / 1000).toFixed(0)} s: ${present} present, joins ${tallies.joins}, leaves ${tallies.leaves}, unmutes ${tallies.unmutes}, ffmpeg runs ${ffmpegRuns.length}, recorded ${recorder.totalDurationSec.toFixed(1)} s`,
  );
}
sampleFfmpeg();
const recording = coreShare(recordStart, cpuOf());
const wallSeconds = (Date.now() - startedAt) / 1000;
const slotSwitches = recorder.slotStats.reduce((sum, slot) => sum + slot.switches, 0);
const churn = Object.fromEntries(Object.entries(tallies).map(([key, value]) => [key, value - churnBefore[key as keyof typeof tallies]])) as typeof tallies;
await recorder.stop("host");
over.abort();
await Promise.all(loops);
await Promise.all([...present.values()].map(({ sender }) => sender.stop()));
rooms.closeAll();
pool.close();

const playlistFile = path.join(storageDir, recordingKeys.livePlaylist(recorder.recordingId));
const playlist = readPlaylist(playlistFile);
const probed = probeDuration(playlistFile);
const discontinuityTags = (readFileSync(playlistFile, "utf8").match(/#EXT-X-DISCONTINUITY\b/g) ?? []).length;
const restarts = ffmpegRuns.length - 1;
const durationOk = Math.abs(probed - wallSeconds) <= DURATION_TOLERANCE_SECONDS;
const relay = recording.node - baseline.node;
const results = {
  participants: participantCount,
  size: `${width}x${height}`,
  wallSeconds,
  recordedSeconds: probed,
  listedSeconds: playlist.total,
  ffmpegRuns: ffmpegRuns.length,
  restarts,
  discontinuityTags,
  slotSwitches,
  churnWhileRecording: churn,
  cpu: { ffmpeg: ffmpegCpu / wallSeconds, nodeRecording: recording.node, nodeBaseline: baseline.node, relay, workerRecording: recording.worker, workerBaseline: baseline.worker },
};
console.log();
console.log(
  formatTable(
    ["participants", "size", "joins *", "leaves *", "reconnects *", "unmutes *", "slot switches", "ffmpeg restarts", "discontinuities", "wall s", "recorded s", "off by s"],
    [[participantCount, results.size, churn.joins, churn.leaves, churn.reconnects, churn.unmutes, slotSwitches, restarts, discontinuityTags, wallSeconds.toFixed(1), probed.toFixed(1), (probed - wallSeconds).toFixed(2)]],
  ),
);
console.log("  * while recording");
console.log();
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
console.log(
  formatTable(
    ["CPU, % of one core", "while recording", "churn alone", "recorder's share"],
    [
      ["recorder ffmpeg", pct(results.cpu.ffmpeg), "-", pct(results.cpu.ffmpeg)],
      ["Node (relay + room + driver)", pct(recording.node), pct(baseline.node), pct(relay)],
      ["mediasoup worker", pct(recording.worker), pct(baseline.worker), pct(recording.worker - baseline.worker)],
      ["recorder (ffmpeg + relay)", "", "", pct(results.cpu.ffmpeg + relay)],
    ],
  ),
);
console.log();
console.log(`  0 ffmpeg restarts: ${verdict(restarts === 0)}`);
console.log(`  recorded within ${DURATION_TOLERANCE_SECONDS} s of the wall clock (${probed.toFixed(2)} vs ${wallSeconds.toFixed(2)} s): ${verdict(durationOk)}`);
console.log(`  no discontinuity tags: ${verdict(discontinuityTags === 0)}`);
console.log(`  results: ${saveResults("recorder-churn", results)}`);
rmSync(storageDir, { recursive: true, force: true });
