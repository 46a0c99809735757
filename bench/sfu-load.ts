/**
 * SFU load benchmark: how many forwarded streams one mediasoup worker (one core) sustains below 1%
 * loss, and what our room layer costs over a bare mediasoup Router doing the same forwarding.
 *
 * Light synthetic clients, not browsers: ffmpeg replays a pre-encoded VP8+Opus file (-c copy) into
 * PlainTransports (the senders), and receivers are SRTP PlainTransports whose packets land on UDP
 * sockets in this process that count them per SSRC. All traffic stays on 127.0.0.1.
 *
 * A third run has simulcast senders, as browsers' cameras are: three VP8 layers (180p, 360p, 720p,
 * one file and SSRC each, through one relay socket), while every receiver's tiles change size every
 * two seconds so the room's layer choice makes the worker switch layers; it reports the consumers
 * per core with simulcast and layer switching, and the switches per second it saw.
 *
 *
 * The two-node case: the same senders on node A of two media-server nodes sharing a Redis, and
 * the same receivers consuming them on node A (local) and then on node B (each producer piped
 * A → B once): the extra worker CPU and the extra delay per piped stream, as ratios against the
 * same streams consumed locally. The delay comes from a probe stream whose payload carries its send time.
 *
 *   tsx bench/sfu-load.ts [--levels 200,400,...] [--senders 2] [--window 4] [--run-seconds 75] [--no-simulcast]
 *                         [--cases one-node,two-node] [--two-node-receivers 20]
 */
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { startCpuMeter } from "./lib/process-cpu";
import { formatTable, saveResults, verdict } from "./lib/results";
import { BareForwarder } from "./sfu/bare-forwarder";
import { FfmpegSender } from "./sfu/ffmpeg-sender";
import { ensureMediaFile, ensureSimulcastFiles, MEDIA_FILE_SPEC, SIMULCAST_LAYER_SPECS } from "./sfu/media-file";
import { senderRtpParameters, type TForwardedStream, type TForwarder } from "./sfu/plain-rtp";
import { RoomForwarder } from "./sfu/room-forwarder";
import { RtpRelay } from "./sfu/rtp-relay";
import { PROBE_RTP_PARAMETERS, RtpProbe } from "./sfu/rtp-probe";
import { TwoNodes, type TNodeName } from "./sfu/two-nodes";
import { UdpSinks } from "./sfu/udp-sinks";

const TARGET_STREAMS_PER_CORE = 500;
const TARGET_MAX_LOSS = 0.01;
const TARGET_MAX_OVERHEAD = 0.05;
const SINK_SOCKETS = 8;
/**
 * After adding consumers: long enough for every new video consumer to get a keyframe (one a second),
 * on a busy machine too.
 */
const SETTLE_MS = 2500;
/** How often the simulcast run's receivers change their tiles' sizes. */
const LAYER_SWITCH_MS = 2000;

const { values: args } = parseArgs({
  options: {
    levels: { type: "string", default: "200,400,600,800,1000" },
    senders: { type: "string", default: "2" },
    window: { type: "string", default: "4" },
    "run-seconds": { type: "string", default: "75" },
    "no-simulcast": { type: "boolean", default: false },
    cases: { type: "string", default: "one-node,two-node" },
    "two-node-receivers": { type: "string", default: "20" },
  },
});
const cases = new Set(args.cases.split(","));
const twoNodeReceivers = Number(args["two-node-receivers"]);
const levels = args.levels.split(",").map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const senderCount = Number(args.senders);
const windowMs = Number(args.window) * 1000;
/** Each of the two runs gets this much time; a level that would start after it is skipped. */
const runSeconds = Number(args["run-seconds"]);
let deadline = 0;

type TLevelResult = {
  consumers: number;
  /** Packets the consumers forwarded in the window (from their sequence numbers; with simulcast, one layer each). */
  forwardedPackets: number;
  /** Packets the consumers sent (from their sequence numbers) and the sinks got. */
  sentPackets: number;
  receivedPackets: number;
  /** Lost between ffmpeg and the worker (producer stats), and between the worker and the sinks. */
  ingestLossPct: number;
  egressLossPct: number;
  lossPct: number;
  forwardedPacketsPerSecond: number;
  workerCoreSharePct: number;
  workerCpuSeconds: number;
  cpuPerStreamPctOfCore: number;
  cpuMicrosPerPacket: number;
  sinkKernelDrops: number;
  benchProcessCoreSharePct: number;
  /** Simulcast run: layer changes the consumers reported per second of the window. */
  layerChangesPerSecond: number | null;
};

const pct = (part: number, whole: number) => (whole > 0 ? Math.max(0, (part / whole) * 100) : 0);

async function measure(forwarder: TForwarder, sinks: UdpSinks, streams: TForwardedStream[], simulcast: boolean): Promise<TLevelResult> {
  const none = { packets: 0, highestSeq: -1 };
  // CPU and forwarded packets come from the worker itself over the same window. The sinks' thread
  // may answer late on a busy machine; loss does not depend on when, since it goes by sequence numbers.
  const producersBefore = await forwarder.producerTallies();
  const workerCpu = startCpuMeter(forwarder.workerPid);
  const benchCpu = startCpuMeter(process.pid);
  const dropsBefore = sinks.kernelDrops();
  const layerChangesBefore = simulcast ? forwarder.layerChanges : undefined;
  const sinksBefore = await sinks.tallies();
  await sleep(windowMs);
  const producersAfter = await forwarder.producerTallies();
  const worker = workerCpu.stop();
  const bench = benchCpu.stop();
  const sinksAfter = await sinks.tallies();
  const layerChangesAfter = simulcast ? forwarder.layerChanges : undefined;

  let ingestReceived = 0;
  let ingestLost = 0;
  const producerReceived = new Map<string, number>();
  for (const [id, after] of producersAfter) {
    const before = producersBefore.get(id) ?? { received: 0, lost: 0 };
    ingestReceived += after.received - before.received;
    ingestLost += after.lost - before.lost;
    producerReceived.set(id, after.received - before.received);
  }
  let sent = 0;
  let received = 0;
  for (const stream of streams) {
    const before = sinksBefore.get(stream.ssrc) ?? none;
    const after = sinksAfter.get(stream.ssrc) ?? none;
    const got = after.packets - before.packets;
    received += got;
    // A stream that stalled has no sequence numbers to go by: all it should have carried is lost (one
    // layer's share of a simulcast producer's input). One that started inside the window counts from there.
    const input = (producerReceived.get(stream.producerId) ?? 0) / stream.producerLayers;
    sent += got === 0 ? input : before.highestSeq >= 0 ? after.highestSeq - before.highestSeq : got;
  }
  const ingestLossPct = pct(ingestLost, ingestReceived + ingestLost);
  const egressLossPct = pct(sent - received, sent);
  const forwarded = sent;
  return {
    consumers: streams.length,
    forwardedPackets: forwarded,
    sentPackets: sent,
    receivedPackets: received,
    ingestLossPct,
    egressLossPct,
    lossPct: 100 - (100 - ingestLossPct) * (1 - egressLossPct / 100),
    forwardedPacketsPerSecond: forwarded / worker.wallSeconds,
    workerCoreSharePct: worker.coreShare * 100,
    workerCpuSeconds: worker.cpuSeconds,
    cpuPerStreamPctOfCore: (worker.coreShare * 100) / streams.length,
    cpuMicrosPerPacket: forwarded > 0 ? (worker.cpuSeconds * 1e6) / forwarded : Infinity,
    sinkKernelDrops: sinks.kernelDrops() - dropsBefore,
    benchProcessCoreSharePct: bench.coreShare * 100,
    layerChangesPerSecond:
      layerChangesBefore === undefined || layerChangesAfter === undefined ? null : (layerChangesAfter - layerChangesBefore) / worker.wallSeconds,
  };
}

async function waitForMedia(forwarder: TForwarder, senders: FfmpegSender[]): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const failed = senders.find((s) => !s.running);
    if (failed) throw new Error(`ffmpeg sender stopped: ${failed.stderr}`);
    const tallies = [...(await forwarder.producerTallies()).values()];
    if (tallies.every((t) => t.received > 50)) return;
    await sleep(250);
  }
  throw new Error("producers received no RTP from ffmpeg within 15 s");
}

/** `videoFiles`: one file, or one per simulcast layer (lowest first). */
async function run(forwarder: TForwarder, videoFiles: string[]): Promise<TLevelResult[]> {
  const sinks = await UdpSinks.open(SINK_SOCKETS);
  const senders: FfmpegSender[] = [];
  const relays: RtpRelay[] = [];
  const results: TLevelResult[] = [];
  let switching: NodeJS.Timeout | undefined;
  deadline = Date.now() + runSeconds * 1000;
  try {
    for (let i = 0; i < senderCount; i++) {
      const ports = await forwarder.addSender(i, videoFiles.length);
      const { audioSsrc, videoSsrcs } = senderRtpParameters(i, videoFiles.length);
      // Several layers reach their one transport from one address, as a browser's do.
      const videoPorts = videoFiles.length > 1 ? (relays[relays.push(await RtpRelay.open(ports.video)) - 1]!.ports) : ports.video;
      senders.push(
        new FfmpegSender(videoFiles, {
          audio: { ...ports.audio, ssrc: audioSsrc, payloadType: 100 },
          video: videoSsrcs.map((ssrc) => ({ ...videoPorts, ssrc, payloadType: 101 })),
        }),
      );
    }
    await waitForMedia(forwarder, senders);
    if (videoFiles.length > 1 && forwarder.switchLayers) {
      let tick = 0;
      let busy = false;
      switching = setInterval(() => {
        if (busy) return;
        busy = true;
        forwarder.switchLayers!(tick++).finally(() => (busy = false)).catch((error: unknown) => console.error("layer switch failed", error));
      }, LAYER_SWITCH_MS);
    }
    const streams: TForwardedStream[] = [];
    let receivers = 0;
    for (const level of levels) {
      if (Date.now() > deadline) {
        console.log(`  time budget spent; stopping before ${level} consumers`);
        break;
      }
      const addStarted = performance.now();
      while (streams.length < level && Date.now() < deadline)
        streams.push(...(await forwarder.addReceiver(receivers++, sinks.nextPort())));
      if (streams.length < level) {
        console.log(`  time budget spent while adding consumers for the ${level} level`);
        break;
      }
      const addSeconds = (performance.now() - addStarted) / 1000;
      await sleep(SETTLE_MS);
      const result = await measure(forwarder, sinks, streams, videoFiles.length > 1);
      results.push(result);
      console.log(
        `  ${forwarder.label}: ${result.consumers} consumers, loss ${result.lossPct.toFixed(2)}%, ` +
          `worker ${result.workerCoreSharePct.toFixed(1)}% of a core, ${Math.round(result.forwardedPacketsPerSecond)} pkt/s ` +
          (result.layerChangesPerSecond === null ? "" : `${result.layerChangesPerSecond.toFixed(0)} layer changes/s `) +
          `(consumers added in ${addSeconds.toFixed(1)} s)`,
      );
      if (result.lossPct >= TARGET_MAX_LOSS * 100) break;
    }
  } finally {
    clearInterval(switching);
    await Promise.all(senders.map((s) => s.stop()));
    for (const relay of relays) relay.close();
    await forwarder.close();
    await sinks.close();
  }
  return results;
}

/** CPU per forwarded packet pooled over the levels both ran cleanly: the fairest single overhead figure. */
function pooledOverhead(ours: TLevelResult[], bare: TLevelResult[]): { ratio: number; levels: number[] } | null {
  const clean = (r: TLevelResult) => r.lossPct < TARGET_MAX_LOSS * 100;
  const common = ours.filter((o) => clean(o) && bare.some((b) => b.consumers === o.consumers && clean(b))).map((o) => o.consumers);
  if (common.length === 0) return null;
  const pick = (rs: TLevelResult[]) => rs.filter((r) => common.includes(r.consumers));
  const perPacket = (rs: TLevelResult[]) =>
    rs.reduce((s, r) => s + r.workerCpuSeconds, 0) / rs.reduce((s, r) => s + r.forwardedPackets, 0);
  return { ratio: perPacket(pick(ours)) / perPacket(pick(bare)), levels: common };
}

function capacity(results: TLevelResult[]) {
  const clean = results.filter((r) => r.lossPct < TARGET_MAX_LOSS * 100);
  const best = clean.at(-1);
  if (!best) return { sustainedStreams: 0, projectedStreamsPerCore: 0 };
  // A worker is one thread, so a worker is one core; below saturation, extrapolate to a full core.
  return {
    sustainedStreams: best.consumers,
    projectedStreamsPerCore: Math.round(best.consumers / Math.max(best.workerCoreSharePct / 100, 1e-6)),
    saturated: best.workerCoreSharePct > 90,
  };
}

function table(label: string, results: TLevelResult[]): string {
  return [
    label,
    formatTable(
      ["consumers", "pkt/s out", "loss %", "in %", "out %", "worker core %", "core %/stream", "µs CPU/pkt", "sink drops", "bench core %", "layer changes/s"],
      results.map((r) => [
        r.consumers,
        Math.round(r.forwardedPacketsPerSecond),
        r.lossPct.toFixed(2),
        r.ingestLossPct.toFixed(2),
        r.egressLossPct.toFixed(2),
        r.workerCoreSharePct.toFixed(1),
        r.cpuPerStreamPctOfCore.toFixed(4),
        r.cpuMicrosPerPacket.toFixed(2),
        r.sinkKernelDrops,
        r.benchProcessCoreSharePct.toFixed(1),
        r.layerChangesPerSecond === null ? "–" : r.layerChangesPerSecond.toFixed(1),
      ]),
    ),
  ].join("\n");
}

type TTwoNodeCase = {
  node: TNodeName;
  consumers: number;
  /** Share of a core each node's worker used in the window. */
  workerACorePct: number;
  workerBCorePct: number;
  cpuSeconds: number;
  receivedPackets: number;
  lossPct: number;
};

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Windows per two-node case: its figures are the medians over them. */
const TWO_NODE_WINDOWS = 3;

/** Receivers on one node consume every sender's producers; both workers' CPU, median over a few windows. */
async function twoNodeCase(nodes: TwoNodes, node: TNodeName, producerIds: string[], sinks: UdpSinks): Promise<TTwoNodeCase> {
  const receivers = [];
  for (let i = 0; i < twoNodeReceivers; i++) receivers.push(await nodes.addReceiver(node, sinks.nextPort(), producerIds));
  await sleep(SETTLE_MS);
  const ssrcs = receivers.flatMap((r) => [...r.ssrcs.values()]);
  const windows: TTwoNodeCase[] = [];
  for (let w = 0; w < TWO_NODE_WINDOWS; w++) {
    const before = await sinks.tallies();
    const cpuA = startCpuMeter(nodes.workerPid("A"));
    const cpuB = startCpuMeter(nodes.workerPid("B"));
    await sleep(windowMs);
    const a = cpuA.stop();
    const b = cpuB.stop();
    const after = await sinks.tallies();
    let sent = 0;
    let received = 0;
    for (const ssrc of ssrcs) {
      const was = before.get(ssrc) ?? { packets: 0, highestSeq: -1 };
      const now = after.get(ssrc) ?? { packets: 0, highestSeq: -1 };
      received += now.packets - was.packets;
      sent += was.highestSeq >= 0 ? now.highestSeq - was.highestSeq : now.packets - was.packets;
    }
    windows.push({
      node,
      consumers: ssrcs.length,
      workerACorePct: a.coreShare * 100,
      workerBCorePct: b.coreShare * 100,
      cpuSeconds: a.cpuSeconds + b.cpuSeconds,
      receivedPackets: received,
      lossPct: pct(sent - received, sent),
    });
  }
  for (const receiver of receivers) nodes.leave(node, receiver.peer);
  const median = (pick: (c: TTwoNodeCase) => number) => quantile(windows.map(pick), 0.5);
  return {
    node,
    consumers: ssrcs.length,
    workerACorePct: median((c) => c.workerACorePct),
    workerBCorePct: median((c) => c.workerBCorePct),
    cpuSeconds: median((c) => c.cpuSeconds),
    receivedPackets: median((c) => c.receivedPackets),
    lossPct: median((c) => c.lossPct),
  };
}

/** The two-node case: the same streams consumed on the senders' node, then piped to another node. */
async function runTwoNodes(mediaFile: string) {
  const nodes = await TwoNodes.start({ A: { min: 58000, max: 58999 }, B: { min: 59000, max: 59999 } });
  const sinks = await UdpSinks.open(SINK_SOCKETS);
  const probe = await RtpProbe.open();
  const senders: FfmpegSender[] = [];
  try {
    const producerIds: string[] = [];
    for (let i = 0; i < senderCount; i++) {
      const params = senderRtpParameters(i);
      const peer = nodes.join("A", { userId: `sender-${i}`, displayName: `Điểm cầu ${i + 1}`, role: "PRESENTER" });
      const ports = await nodes.addSender(peer, { audio: params.audio, video: params.video });
      producerIds.push(...ports.producers.map((p) => p.id));
      senders.push(
        new FfmpegSender([mediaFile], {
          audio: { ...ports.audio!, ssrc: params.audioSsrc, payloadType: 100 },
          video: params.videoSsrcs.map((ssrc) => ({ ...ports.video!, ssrc, payloadType: 101 })),
        }),
      );
    }
    const probePeer = nodes.join("A", { userId: "probe", displayName: "Đo độ trễ", role: "PRESENTER" });
    const probeIngest = await nodes.addSender(probePeer, { audio: PROBE_RTP_PARAMETERS });
    const probeId = probeIngest.producers[0]!.id;
    probe.start(probeIngest.audio!);
    await nodes.seenOnB([...producerIds, probeId]);
    await sleep(2000);

    const local = await twoNodeCase(nodes, "A", producerIds, sinks);
    const piped = await twoNodeCase(nodes, "B", producerIds, sinks);

    // The probe's stream received on both nodes at once, so both see the same load.
    const localSink = await probe.sink();
    const pipedSink = await probe.sink();
    await nodes.addReceiver("A", localSink.port, [probeId], false);
    await nodes.addReceiver("B", pipedSink.port, [probeId], false);
    await sleep(SETTLE_MS);
    probe.reset();
    await sleep(Math.max(windowMs, 5000));
    const localDelays = localSink.delaysMs();
    const pipedDelays = pipedSink.delaysMs();
    const delay = {
      samples: { local: localDelays.length, piped: pipedDelays.length },
      localMedianMs: quantile(localDelays, 0.5),
      localP95Ms: quantile(localDelays, 0.95),
      pipedMedianMs: quantile(pipedDelays, 0.5),
      pipedP95Ms: quantile(pipedDelays, 0.95),
    };
    const pipes = producerIds.length;
    return {
      receivers: twoNodeReceivers,
      pipes,
      local,
      piped,
      cpuRatioPipedOverLocal: piped.cpuSeconds / local.cpuSeconds,
      extraCorePctPerPipe: ((piped.cpuSeconds - local.cpuSeconds) / (windowMs / 1000) / pipes) * 100,
      /** What piping one stream to another node adds, in locally consumed streams' worth of CPU. */
      extraCpuPerPipeOverLocalStream: (piped.cpuSeconds - local.cpuSeconds) / pipes / (local.cpuSeconds / local.consumers),
      delay,
      delayRatioPipedOverLocal: delay.pipedMedianMs / delay.localMedianMs,
      extraDelayMedianMs: delay.pipedMedianMs - delay.localMedianMs,
    };
  } finally {
    probe.close();
    await Promise.all(senders.map((s) => s.stop()));
    await sinks.close();
    await nodes.close();
  }
}

/** One node: our room layer against a bare mediasoup Router, level by level; consumers per core. */
async function runOneNode(mediaFile: string) {
  const simulcastFiles = args["no-simulcast"] ? null : ensureSimulcastFiles();
  console.log("(a) our room layer (WorkerPool → Rooms → Room.produce/consume)");
  const ours = await run(await RoomForwarder.create({ min: 52000, max: 53999 }), [mediaFile]);
  console.log("(b) bare mediasoup Router");
  const bare = await run(await BareForwarder.create({ min: 54000, max: 55999 }), [mediaFile]);
  const layers = SIMULCAST_LAYER_SPECS.map((l) => `${l.height}p ${l.videoKbps} kbps`).join(" / ");
  if (simulcastFiles) console.log(`(c) our room layer, simulcast senders (${layers}), tiles resized every ${LAYER_SWITCH_MS / 1000} s`);
  const simulcast = simulcastFiles ? await run(await RoomForwarder.create({ min: 56000, max: 57999 }), simulcastFiles) : null;
  const simulcastCapacity = simulcast ? capacity(simulcast) : null;

  const oursCapacity = capacity(ours);
  const bareCapacity = capacity(bare);
  const overhead = pooledOverhead(ours, bare);

  console.log();
  console.log(table("(a) our room layer", ours));
  console.log();
  console.log(table("(b) bare mediasoup Router", bare));
  console.log();
  if (simulcast) {
    console.log(table("(c) our room layer, simulcast senders with layer switching", simulcast));
    console.log();
  }
  console.log(
    formatTable(
      ["figure", "ours", "bare", "target", "verdict"],
      [
        [
          "streams on one worker at <1% loss (measured)",
          oursCapacity.sustainedStreams,
          bareCapacity.sustainedStreams,
          `≥ ${TARGET_STREAMS_PER_CORE}`,
          verdict(oursCapacity.sustainedStreams >= TARGET_STREAMS_PER_CORE),
        ],
        [
          "streams per worker core (projected to 100% CPU)",
          oursCapacity.projectedStreamsPerCore,
          bareCapacity.projectedStreamsPerCore,
          `≥ ${TARGET_STREAMS_PER_CORE}`,
          verdict(oursCapacity.projectedStreamsPerCore >= TARGET_STREAMS_PER_CORE),
        ],
        [
          "CPU per forwarded packet, ours ÷ bare",
          overhead ? overhead.ratio.toFixed(3) : "n/a",
          "1.000",
          `≤ ${(1 + TARGET_MAX_OVERHEAD).toFixed(2)}`,
          overhead ? verdict(overhead.ratio <= 1 + TARGET_MAX_OVERHEAD) : "n/a",
        ],
        ...(simulcastCapacity
          ? [
              [
                "consumers per worker core, simulcast + layer switching (projected)",
                simulcastCapacity.projectedStreamsPerCore,
                "–",
                `≥ ${TARGET_STREAMS_PER_CORE}`,
                verdict(simulcastCapacity.projectedStreamsPerCore >= TARGET_STREAMS_PER_CORE),
              ],
            ]
          : []),
      ],
    ),
  );
  if (overhead) console.log(`(overhead pooled over the levels both ran below 1% loss: ${overhead.levels.join(", ")} consumers)`);
  return {
    ours: { levels: ours, capacity: oursCapacity },
    bare: { levels: bare, capacity: bareCapacity },
    simulcast: simulcast ? { layers: SIMULCAST_LAYER_SPECS, switchEveryMs: LAYER_SWITCH_MS, levels: simulcast, capacity: simulcastCapacity } : null,
    cpuPerPacketRatioOursOverBare: overhead?.ratio ?? null,
  };
}

async function main(): Promise<void> {
  // Bounded whatever happens: two or three runs, the two-node case, their teardown, and a margin.
  setTimeout(() => {
    console.error("sfu-load: stopped by its watchdog (the machine is too loaded to finish in time)");
    process.exit(1);
  }, ((args["no-simulcast"] ? 2 : 3) * runSeconds + 150) * 1000).unref();
  const mediaFile = ensureMediaFile();
  console.log(
    `SFU load: ${senderCount} senders (Opus + VP8 ${MEDIA_FILE_SPEC.width}x${MEDIA_FILE_SPEC.height} ${MEDIA_FILE_SPEC.videoKbps} kbps), ` +
      `${senderCount * 2} producers, receivers on SRTP PlainTransports, levels ${levels.join(", ")}, window ${windowMs / 1000} s`,
  );
  const oneNode = cases.has("one-node") ? await runOneNode(mediaFile) : null;
  let twoNodes: Awaited<ReturnType<typeof runTwoNodes>> | null = null;
  if (cases.has("two-node")) {
    console.log(
      `(d) two nodes: ${twoNodeReceivers} receivers of ${senderCount * 2} producers on the senders' node, then on another node (medians of ${TWO_NODE_WINDOWS} windows each)`,
    );
    twoNodes = await runTwoNodes(mediaFile);
    const row = (label: string, c: TTwoNodeCase) => [
      label,
      c.consumers,
      c.workerACorePct.toFixed(1),
      c.workerBCorePct.toFixed(1),
      ((c.cpuSeconds / (windowMs / 1000)) * 100).toFixed(1),
      c.lossPct.toFixed(2),
    ];
    console.log();
    console.log(
      formatTable(["(d) two nodes", "consumers", "worker A core %", "worker B core %", "A+B core %", "loss %"], [row("consumed on node A (local)", twoNodes.local), row("consumed on node B (piped A → B)", twoNodes.piped)]),
    );
    console.log();
    console.log(
      formatTable(
        ["per piped stream", "local", "piped", "piped ÷ local"],
        [
          ["worker CPU (A+B), s", twoNodes.local.cpuSeconds.toFixed(3), twoNodes.piped.cpuSeconds.toFixed(3), twoNodes.cpuRatioPipedOverLocal.toFixed(3)],
          ["extra core % per pipe", "0", twoNodes.extraCorePctPerPipe.toFixed(3), ""],
          ["extra CPU per pipe ÷ CPU per local consumer", "", "", twoNodes.extraCpuPerPipeOverLocalStream.toFixed(2)],
          ["delay median, ms", twoNodes.delay.localMedianMs.toFixed(2), twoNodes.delay.pipedMedianMs.toFixed(2), twoNodes.delayRatioPipedOverLocal.toFixed(2)],
          ["delay p95, ms", twoNodes.delay.localP95Ms.toFixed(2), twoNodes.delay.pipedP95Ms.toFixed(2), (twoNodes.delay.pipedP95Ms / twoNodes.delay.localP95Ms).toFixed(2)],
        ],
      ),
    );
  }
  const file = saveResults("sfu-load", {
    at: new Date().toISOString(),
    settings: { senders: senderCount, levels, windowSeconds: windowMs / 1000, media: MEDIA_FILE_SPEC, sinkSockets: SINK_SOCKETS, cases: [...cases], twoNodeReceivers },
    targets: { streamsPerCore: TARGET_STREAMS_PER_CORE, maxLossPct: TARGET_MAX_LOSS * 100, maxOverheadPct: TARGET_MAX_OVERHEAD * 100 },
    ...(oneNode ?? {}),
    twoNodes,
  });
  console.log(`JSON: ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
