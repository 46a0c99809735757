import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { NodeRegistry, RoomPlacement } from "@diemcau/media-nodes";
import { startTestRedis, type TTestRedis } from "@diemcau/media-nodes/testing/test-redis";
import {
  recordingKeys,
  signJoinToken,
  ZRecordingEventBatchSchema,
  type TAck,
  type TMeetingRole,
  type TRecordingEvent,
  type TRoomRecording,
  type TRoomState,
  type TSignalingRequest,
  type TSignalingRequestName,
  type TSignalingResponse,
} from "@diemcau/protocol";
import { DEV_MEDIA_SECRET } from "../config";
import { isSignedBy } from "../test-signed-request";
import { ClusterNodeProcess } from "./testing/ClusterNodeProcess";
import { createNetwork, type TNetwork } from "./testing/netns";
import { RtpSink, senderParameters, startRtpSender, type TPlainIngest } from "./testing/rtp-test-media";

/**
 * Three media-server nodes, each in its own network namespace on a bridge, sharing a Redis of
 * their own. Web's part is played by the real RoomPlacement and signed tokens naming the node,
 * and by a stand-in for its recording events endpoint. A node's capacity is one transport per
 * core, so a room's second peer lands on another node.
 */
const NODES = 3;
const HEARTBEAT_MS = 500;

type TInspect = {
  home: string | null;
  pipes: number;
  localPeers: string[];
  state: TRoomState;
  consumers: { peerId: string; producerId: string; packets: number }[];
  recorded: { producerId: string; peerId: string; packets: number }[];
  recording: TRoomRecording;
};

let network: TNetwork;
let redisServer: TTestRedis;
let redis: Redis;
let placement: RoomPlacement;
let registry: NodeRegistry;
let storage: string;
let web: TStandInWeb;
const nodes: ClusterNodeProcess[] = [];
const senders: ChildProcess[] = [];
const sinks: RtpSink[] = [];
const sockets: Socket[] = [];

const nodeById = (id: string) => nodes.find((node) => node.nodeId === id)!;

beforeAll(async () => {
  network = createNetwork(NODES);
  redisServer = await startTestRedis(network.hostIp);
  redis = new Redis(redisServer.url);
  registry = new NodeRegistry(redis);
  placement = new RoomPlacement(redis, registry);
  storage = mkdtempSync(join(tmpdir(), "diemcau-cluster-"));
  web = await standInWeb(network.hostIp);
  for (let i = 0; i < NODES; i++) nodes.push(startNode(i));
  await Promise.all(nodes.map((node) => node.ready));
  await waitUntil(async () => (await registry.liveNodes()).length === NODES, 10_000);
}, 60_000);

/** The i-th node in its namespace, with its own storage (kept when it is started again). */
function startNode(i: number): ClusterNodeProcess {
  const { name, ip } = network.namespaces[i]!;
  const nodeId = `n${i + 1}`;
  const url = `http://${ip}:4000`;
  return new ClusterNodeProcess(nodeId, url, name, {
    MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN!,
    NUM_WORKERS: "1",
    PORT: "4000",
    LISTEN_IP: ip,
    REDIS_URL: redisServer.url,
    NODE_ID: nodeId,
    NODE_PUBLIC_URL: url,
    NODE_INTERNAL_IP: ip,
    NODE_HEARTBEAT_MS: String(HEARTBEAT_MS),
    NODE_CAPACITY_PER_CORE: "1",
    STORAGE_DIR: join(storage, nodeId),
    // Attendance reports go nowhere (and are retried in the background); recording events to the stand-in.
    WEB_URL: `http://${network.hostIp}:9`,
    WEB_INTERNAL_URL: web.url,
  });
}

function stopParticipants(): void {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const sender of senders.splice(0)) sender.kill("SIGKILL");
  for (const sink of sinks.splice(0)) sink.close();
}

// Each test starts from every node, idle: its participants left, and with them their transports and the pipes; a node it killed is back.
afterEach(async () => {
  stopParticipants();
  nodes.forEach((node, i) => {
    if (!node.running) nodes[i] = startNode(i);
  });
  await Promise.all(nodes.map((node) => node.ready));
  let live: Awaited<ReturnType<NodeRegistry["liveNodes"]>> = [];
  await waitUntil(
    async () => {
      live = await registry.liveNodes();
      return live.length === NODES && live.every((node) => node.transports === 0 && node.consumers === 0);
    },
    10_000,
    () => `nodes not all live and idle: ${JSON.stringify(live.map(({ id, transports, consumers }) => ({ id, transports, consumers })))}`,
  );
}, 30_000);

afterAll(async () => {
  stopParticipants();
  await Promise.all(nodes.map((node) => node.kill("SIGTERM").catch(() => {})));
  redis?.disconnect();
  await redisServer?.stop();
  await new Promise((resolve) => web?.server.close(resolve));
  network?.destroy();
  if (storage) rmSync(storage, { recursive: true, force: true });
});

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, describe?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${describe ? `: ${describe()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type TStandInWeb = { server: Server; url: string; events: TRecordingEvent[] };

/** Web's recording events endpoint as the nodes reach it: keeps every event of a request signed with the media secret. */
async function standInWeb(host: string): Promise<TStandInWeb> {
  const events: TRecordingEvent[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      void isSignedBy(req, body, DEV_MEDIA_SECRET).then((signed) => {
        if (!signed || req.url !== "/api/internal/recordings/events") return void res.writeHead(401).end();
        events.push(...ZRecordingEventBatchSchema.parse(JSON.parse(body)).events);
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, url: `http://${host}:${(server.address() as { port: number }).port}`, events };
}

/** The recording events web got for one recording, by type. */
const reported = (recordingId: string | null, type: TRecordingEvent["type"]) =>
  web.events.filter((event) => event.type === type && event.recordingId === recordingId);

/** Segments listed in a live playlist so far. */
const segmentsIn = (playlist: string) => (existsSync(playlist) ? readFileSync(playlist, "utf8").split("\n").filter((line) => line.startsWith("#EXTINF")).length : 0);

/** A participant as a browser would be one: asks "web" for a token, connects to the node it names. */
class Participant {
  socket!: Socket;
  nodeId = "";
  peerId = "";
  state!: TRoomState;
  readonly events: { event: string; data: unknown }[] = [];

  constructor(
    readonly roomId: string,
    readonly userId: string,
    readonly role: TMeetingRole = "PRESENTER",
    readonly bridgePointId?: string,
    readonly askToSpeak = false,
  ) {}

  /** Token, socket and join; the node is whatever placement says now. */
  async join(): Promise<void> {
    const node = await placement.placePeer(this.roomId);
    if (!node) throw new Error("no live node");
    const token = await signJoinToken(
      {
        room: this.roomId,
        userId: this.userId,
        displayName: this.userId,
        role: this.role,
        ...(this.bridgePointId ? { bridgePointId: this.bridgePointId } : {}),
        ...(this.askToSpeak ? { askToSpeak: true } : {}),
        node: { id: node.id, url: node.signalingUrl },
      },
      DEV_MEDIA_SECRET,
    );
    this.socket = connect(node.signalingUrl, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    sockets.push(this.socket);
    this.socket.onAny((event: string, data: unknown) => this.events.push({ event, data }));
    await new Promise<void>((resolve, reject) => {
      this.socket.once("connect", resolve);
      this.socket.once("connect_error", reject);
    });
    this.nodeId = node.id;
    const { rtpCapabilities } = await this.ok("getRouterRtpCapabilities", {});
    const joined = await this.ok("join", { rtpCapabilities });
    this.peerId = joined.peerId;
    this.state = joined.room;
  }

  get node(): ClusterNodeProcess {
    return nodeById(this.nodeId);
  }

  async ok<N extends TSignalingRequestName>(name: N, payload: TSignalingRequest<N>): Promise<TSignalingResponse<N>> {
    const ack = (await this.socket.timeout(10_000).emitWithAck(name, payload)) as TAck<TSignalingResponse<N>>;
    if (!ack.ok) throw new Error(`${name} on ${this.nodeId}: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }

  /** Publishes a tone and a test pattern from ffmpeg in the host namespace. */
  async publish(index: number): Promise<string[]> {
    const params = senderParameters(index);
    const audio = await this.node.command<TPlainIngest & { transportId: string }>("plainSend", { roomId: this.roomId, peerId: this.peerId });
    const video = await this.node.command<TPlainIngest & { transportId: string }>("plainSend", { roomId: this.roomId, peerId: this.peerId });
    const ids = [
      (await this.ok("produce", { transportId: audio.transportId, kind: "audio", source: "mic", rtpParameters: params.audio as never })).producerId,
      (await this.ok("produce", { transportId: video.transportId, kind: "video", source: "camera", rtpParameters: params.video as never })).producerId,
    ];
    senders.push(startRtpSender(index, audio, video));
    return ids;
  }

  /** Receives the given producers on a plain transport toward a sink in the host namespace; SSRC per producer. */
  async receive(producerIds: string[]): Promise<{ sink: RtpSink; ssrcs: Map<string, number> }> {
    const sink = await RtpSink.open(network.hostIp);
    sinks.push(sink);
    await this.node.command("plainRecv", { roomId: this.roomId, peerId: this.peerId, ip: network.hostIp, port: sink.port });
    const ssrcs = new Map<string, number>();
    for (const producerId of producerIds) {
      const consumed = await this.ok("consume", { producerId });
      await this.ok("resumeConsumer", { consumerId: consumed.consumerId });
      ssrcs.set(producerId, (consumed.rtpParameters as { encodings: { ssrc: number }[] }).encodings[0]!.ssrc);
    }
    return { sink, ssrcs };
  }

  inspect(): Promise<TInspect> {
    return this.node.command<TInspect>("inspect", { roomId: this.roomId });
  }

  /** The client's reconnect path after its node died: a fresh token until one names a live node that takes it. */
  async rejoin(): Promise<void> {
    await waitUntil(async () => {
      try {
        await this.join();
        return true;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return false;
      }
    }, 10_000);
  }
}

/** Until every node's heartbeat has carried the load of what was just opened. */
async function loadPublished(nodeId: string): Promise<void> {
  await waitUntil(async () => {
    const node = (await registry.liveNodes()).find((n) => n.id === nodeId);
    return (node?.transports ?? 0) >= 1;
  }, 5000);
}

describe("a room over several media-server nodes in network namespaces", () => {
  it("spreads a room over two nodes and forwards a producer of one to a consumer on the other through one pipe", async () => {
    const sender = new Participant("room-spread", "sender");
    await sender.join();
    const producerIds = await sender.publish(1);
    await loadPublished(sender.nodeId);

    const viewer = new Participant("room-spread", "viewer", "ATTENDEE");
    await viewer.join();
    expect(viewer.nodeId).not.toBe(sender.nodeId);
    // The join snapshot on the second node lists the peer and producers of the first.
    expect(viewer.state.peers.map((p) => p.peerId)).toContain(sender.peerId);
    expect(viewer.state.producers.map((p) => p.producerId).sort()).toEqual([...producerIds].sort());

    const { sink, ssrcs } = await viewer.receive(producerIds);
    await waitUntil(() => producerIds.every((id) => sink.count(ssrcs.get(id)!) > 20), 10_000);
    const onViewerNode = await viewer.inspect();
    expect(onViewerNode.consumers.every((c) => c.packets > 20)).toBe(true);
    // One pipe per producer toward the viewer's node, opened by the sender's node.
    expect((await sender.inspect()).pipes).toBe(2);
    // The first node is home; the peer there is seen on the other node and back.
    expect(onViewerNode.home).toBe(sender.nodeId);
    await waitUntil(async () => (await sender.inspect()).state.peers.some((p) => p.peerId === viewer.peerId), 3000);

    // A token names its node: another node refuses it, so a client cannot pick where it goes.
    const forSender = await signJoinToken(
      { room: "room-spread", userId: "chooser", displayName: "chooser", role: "ATTENDEE", node: { id: sender.nodeId, url: sender.node.url } },
      DEV_MEDIA_SECRET,
    );
    const refused = connect(viewer.node.url, { auth: { token: forSender }, transports: ["websocket"], reconnection: false, forceNew: true });
    sockets.push(refused);
    const refusal = await new Promise<{ data?: { code?: string } }>((resolve) => refused.once("connect_error", resolve));
    expect(refusal.data?.code).toBe("WRONG_NODE");

    // A chat line sent on one node reaches the peers of the other.
    await viewer.ok("sendChat", { text: "Xin chào từ nút thứ hai" });
    await waitUntil(() => sender.events.some((e) => e.event === "chatMessage"), 3000);
  });

  it("records a spread room on its home node with the other node's producers piped in, and takes host controls across nodes", async () => {
    const host = new Participant("room-recorded", "host", "HOST");
    await host.join();
    await host.receive([]);
    await loadPublished(host.nodeId);
    // A second host, at a bridge point on another node, publishes and starts the recording from there.
    const remote = new Participant("room-recorded", "remote-host", "HOST", "bp-thanh-son");
    await remote.join();
    expect(remote.nodeId).not.toBe(host.nodeId);
    const producerIds = await remote.publish(2);

    const { recording } = await remote.ok("host:startRecording", {});
    expect(recording.active).toBe(true);
    const onHome = await host.inspect();
    expect(onHome.home).toBe(host.nodeId);
    expect(onHome.recording.recordingId).toBe(recording.recordingId);
    await waitUntil(async () => {
      const recorded = (await host.inspect()).recorded;
      return producerIds.every((id) => (recorded.find((r) => r.producerId === id)?.packets ?? 0) > 50);
    }, 10_000);
    const playlist = join(storage, host.nodeId, recordingKeys.livePlaylist(recording.recordingId!));
    await waitUntil(() => existsSync(playlist) && readFileSync(playlist, "utf8").includes("#EXTINF"), 15_000);
    await waitUntil(() => host.events.some((e) => e.event === "recordingStateChanged"), 3000);

    // The host on the home node mutes the one on the other node: its microphone pauses there.
    await host.ok("host:mutePeer", { peerId: remote.peerId });
    await waitUntil(() => remote.events.some((e) => e.event === "mutedByHost"), 3000);
    await waitUntil(
      () => host.events.some((e) => e.event === "producerUpdated" && (e.data as { producer: { producerId: string; paused: boolean } }).producer.paused),
      3000,
    );
    await remote.ok("host:stopRecording", {});
    await waitUntil(async () => !(await host.inspect()).recording.active, 5000);
    // The roll call is kept on the home node; the bridge point on the other node answers it.
    await host.ok("host:startRollCall", { expectedBridgePointIds: ["bp-thanh-son", "bp-phu-ninh"] });
    const { rollCall } = await remote.ok("answerRollCall", {});
    expect(rollCall.entries.find((entry) => entry.bridgePointId === "bp-thanh-son")?.status).toBe("PRESENT");
    expect((await host.inspect()).state.rollCall?.entries.map((entry) => entry.status)).toEqual(["PRESENT", "PENDING"]);
    // An answer made on the other node comes back, and so does a refusal with its code.
    expect((await host.ok("host:setRole", { peerId: remote.peerId, role: "PRESENTER" })).peer.role).toBe("PRESENTER");
    await expect(remote.ok("host:stopRecording", {})).rejects.toThrow(/FORBIDDEN/);
    await expect(host.ok("host:mutePeer", { peerId: "no-such-peer" })).rejects.toThrow(/PEER_NOT_FOUND/);

    // A student of a big class on the other node may speak once the host there grants it, and not after it is revoked.
    const student = new Participant("room-recorded", "student", "ATTENDEE", undefined, true);
    await student.join();
    expect(student.nodeId).not.toBe(host.nodeId);
    expect((await host.ok("host:grantSpeak", { peerId: student.peerId })).peer.speakGranted).toBe(true);
    await waitUntil(() => student.events.some((e) => e.event === "peerUpdated" && (e.data as { peer: { id: string; speakGranted: boolean } }).peer.speakGranted), 3000);
    expect((await host.ok("host:revokeSpeak", { peerId: student.peerId })).peer.speakGranted).toBe(false);
  });

  it("lists, searches and counts a big class's quiet students on another node for the teacher, and tells no one there of them", async () => {
    const teacher = new Participant("room-big-class", "Cô Hạnh", "HOST");
    await teacher.join();
    await teacher.receive([]);
    await loadPublished(teacher.nodeId);
    const students = ["Nguyễn Văn An", "Lê Văn Đức", "Trần Thị Bình"].map((name) => new Participant("room-big-class", name, "ATTENDEE", undefined, true));
    for (const student of students) await student.join();
    expect(new Set(students.map((student) => student.nodeId))).toEqual(new Set([students[0]!.nodeId]));
    expect(students[0]!.nodeId).not.toBe(teacher.nodeId);
    const count = (participant: Participant, expected: number) =>
      waitUntil(() => participant.events.some((e) => e.event === "peerCount" && (e.data as { count: number }).count === expected), 5000);

    // Both nodes count the whole room, each for its own peers.
    await Promise.all([count(teacher, 4), count(students[0]!, 4)]);
    const page = await teacher.ok("listPeers", { offset: 0, limit: 10 });
    expect(page.total).toBe(4);
    expect(page.peers.map((peer) => peer.displayName)).toEqual(["Cô Hạnh", "Lê Văn Đức", "Nguyễn Văn An", "Trần Thị Bình"]);
    expect((await teacher.ok("listPeers", { query: "duc", offset: 0, limit: 10 })).peers.map((peer) => peer.peerId)).toEqual([students[1]!.peerId]);
    // Quiet on every node: the teacher's node tells no one of them, and its room state holds the teacher alone.
    expect(teacher.events.filter((e) => e.event === "peerJoined")).toEqual([]);
    const onTeacherNode = (await teacher.inspect()).state;
    expect(onTeacherNode.peers.map((peer) => peer.peerId)).toEqual([teacher.peerId]);
    expect(onTeacherNode.peerCount).toBe(4);

    // A raised hand announces the student on the teacher's node too; one who leaves leaves its list and count.
    await students[1]!.ok("raiseHand", { raised: true });
    await waitUntil(() => teacher.events.some((e) => e.event === "peerJoined" && (e.data as { peer: { peerId: string } }).peer.peerId === students[1]!.peerId), 3000);
    students[2]!.socket.disconnect();
    await count(teacher, 3);
    expect((await teacher.ok("listPeers", { offset: 0, limit: 10 })).peers.map((peer) => peer.displayName)).toEqual(["Lê Văn Đức", "Cô Hạnh", "Nguyễn Văn An"]);
  });

  it("moves a killed home node's room and peers to live nodes within seconds, and media flows again", async () => {
    const sender = new Participant("room-failover", "sender");
    await sender.join();
    await sender.publish(3);
    await loadPublished(sender.nodeId);
    const viewer = new Participant("room-failover", "viewer", "ATTENDEE");
    await viewer.join();
    expect(viewer.nodeId).not.toBe(sender.nodeId);
    expect((await viewer.inspect()).home).toBe(sender.nodeId);

    // The room's home dies (SIGKILL: no goodbye, its record only expires).
    const dead = sender.node;
    const oldPeerId = sender.peerId;
    const disconnected = new Promise<void>((resolve) => sender.socket.once("disconnect", () => resolve()));
    const killedAt = Date.now();
    await dead.kill();
    await disconnected;
    await sender.rejoin();
    expect(sender.nodeId).not.toBe(dead.nodeId);
    const producerIds = await sender.publish(4);
    // The viewer never left its node: it sees the old peer go and the new one's media arrive.
    await waitUntil(() => viewer.events.some((e) => e.event === "peerLeft" && (e.data as { peerId: string }).peerId === oldPeerId), 5000);
    await waitUntil(async () => producerIds.every((id) => viewer.events.some((e) => e.event === "producerAdded" && (e.data as { producer: { producerId: string } }).producer.producerId === id)), 5000);
    const { sink, ssrcs } = await viewer.receive(producerIds);
    await waitUntil(() => producerIds.every((id) => sink.count(ssrcs.get(id)!) > 10), 10_000);
    const recoveredInMs = Date.now() - killedAt;
    // A live node took the room over.
    const home = (await viewer.inspect()).home;
    expect(home).not.toBe(dead.nodeId);
    expect([viewer.nodeId, sender.nodeId]).toContain(home);
    // The room was not being recorded: its new home does not start recording it.
    expect((await nodeById(home!).command<TInspect>("inspect", { roomId: "room-failover" })).recording.active).toBe(false);
    expect(web.events.filter((event) => event.type === "recording.started" && event.roomId === "room-failover")).toEqual([]);
    console.log(`[cluster test] media flowed again ${recoveredInMs} ms after the home node was killed (home now ${home})`);
  });

  it("goes on recording a spread room on the node that takes it over when its home dies recording, until a host stops it", async () => {
    const roomId = "room-recorded-failover";
    const host = new Participant(roomId, "host", "HOST");
    await host.join();
    await host.receive([]);
    await loadPublished(host.nodeId);
    const presenter = new Participant(roomId, "presenter");
    await presenter.join();
    expect(presenter.nodeId).not.toBe(host.nodeId);
    const producerIds = await presenter.publish(5);

    // The host starts the recording on the home node, which records the other node's producers piped in.
    const { recording: first } = await host.ok("host:startRecording", {});
    expect(first.active).toBe(true);
    const firstPlaylist = join(storage, host.nodeId, recordingKeys.livePlaylist(first.recordingId!));
    await waitUntil(() => segmentsIn(firstPlaylist) > 0, 15_000);
    await waitUntil(async () => (await presenter.inspect()).recording.recordingId === first.recordingId, 3000);
    await waitUntil(() => reported(first.recordingId, "recording.started").length > 0, 5000);

    // The home dies (SIGKILL, in the middle of the recording); nobody asks for anything.
    const dead = host.node;
    const killedAt = Date.now();
    await dead.kill();
    const segmentsBeforeDeath = segmentsIn(firstPlaylist);
    let second = first;
    await waitUntil(async () => {
      const seen = await presenter.inspect();
      second = seen.recording;
      return seen.home === presenter.nodeId && second.active && second.recordingId !== first.recordingId;
    }, 10_000);
    const takenOverMs = Date.now() - killedAt;
    // A new recording of the same room on the new home: its recorder writes segments of the presenter here.
    const secondPlaylist = join(storage, presenter.nodeId, recordingKeys.livePlaylist(second.recordingId!));
    await waitUntil(() => segmentsIn(secondPlaylist) > 0, 15_000);
    const recordingAgainMs = Date.now() - killedAt;
    const recorded = (await presenter.inspect()).recorded;
    expect(producerIds.every((id) => (recorded.find((r) => r.producerId === id)?.packets ?? 0) > 0)).toBe(true);
    // Web is told of it like any start, for the same room, so the lesson gets both parts.
    await waitUntil(() => reported(second.recordingId, "recording.started").length > 0, 5000);
    expect(reported(second.recordingId, "recording.started")[0]).toMatchObject({ roomId, run: 1 });
    expect(reported(first.recordingId, "recording.started")[0]).toMatchObject({ roomId });
    // The dead node's part is left as it was written, unstopped, for web's stale-recording sweep to finalize.
    expect(segmentsIn(firstPlaylist)).toBe(segmentsBeforeDeath);
    expect(reported(first.recordingId, "recording.stopped")).toEqual([]);
    // The peers there see the indicator on, with the new recording.
    expect(
      presenter.events.some((e) => e.event === "recordingStateChanged" && (e.data as { recording: TRoomRecording }).recording.recordingId === second.recordingId),
    ).toBe(true);

    // The host comes back, on the third node (the new home is full), which opens the room only now:
    // it shows the recording on, and the host stops it there: the continuation stops.
    await host.rejoin();
    expect([dead.nodeId, presenter.nodeId]).not.toContain(host.nodeId);
    expect(host.state.recording).toMatchObject({ active: true, recordingId: second.recordingId });
    expect((await host.ok("host:stopRecording", {})).recording.active).toBe(false);
    await waitUntil(async () => !(await presenter.inspect()).recording.active, 5000);
    await waitUntil(() => reported(second.recordingId, "recording.stopped").length > 0, 5000);
    expect(reported(second.recordingId, "recording.stopped")[0]).toMatchObject({ reason: "host" });
    console.log(
      `[cluster test] home killed while recording: new home recording ${takenOverMs} ms later, its first segment listed ${recordingAgainMs} ms after the kill`,
    );
  });
});
