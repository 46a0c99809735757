import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { types } from "mediasoup";
import type { TJoinTokenClaims } from "@diemcau/protocol";
import { startTestRedis, type TTestRedis } from "@diemcau/media-nodes/testing/test-redis";
import type { Peer, TPeerChannel } from "../../media-server/src/Peer";
import type { Room } from "../../media-server/src/Room";
import { loadConfig } from "../../media-server/src/config";
import { startMediaServer, type TMediaServer } from "../../media-server/src/server";
import { LOOPBACK, RECV_TRANSPORT_OPTIONS, recvConnectParams, SEND_TRANSPORT_OPTIONS, ingestPortsOf, ssrcOf, type TSenderPorts } from "./plain-rtp";

const DISCARDING_CHANNEL: TPeerChannel = { notify: () => {}, disconnect: () => {} };
const ROOM = "bench-sfu-two-nodes";

export type TNodeName = "A" | "B";

/**
 * Two media-server nodes in this process, one worker each, sharing a throwaway Redis: the real
 * startMediaServer with REDIS_URL, so the room on node B pipes node A's producers in through the
 * same RoomLink and PipeTransports as in a deployment. Peers join through Room's methods with plain
 * transports, as in the one-node run.
 */
export class TwoNodes {
  readonly #redis: TTestRedis;
  readonly #storage: string;
  readonly #servers: Record<TNodeName, TMediaServer>;
  readonly rooms: Record<TNodeName, Room>;
  #receivers = 0;

  private constructor(redis: TTestRedis, storage: string, servers: Record<TNodeName, TMediaServer>, rooms: Record<TNodeName, Room>) {
    this.#redis = redis;
    this.#storage = storage;
    this.#servers = servers;
    this.rooms = rooms;
  }

  static async start(ports: { A: { min: number; max: number }; B: { min: number; max: number } }): Promise<TwoNodes> {
    const redis = await startTestRedis();
    const storage = mkdtempSync(join(tmpdir(), "diemcau-bench-nodes-"));
    const start = async (name: TNodeName) =>
      startMediaServer(
        loadConfig({
          MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN,
          NUM_WORKERS: "1",
          RTC_MIN_PORT: String(ports[name].min),
          RTC_MAX_PORT: String(ports[name].max),
          REDIS_URL: redis.url,
          NODE_ID: `bench-${name}`,
          NODE_PUBLIC_URL: "http://127.0.0.1:1",
          NODE_INTERNAL_IP: LOOPBACK,
          NODE_HEARTBEAT_MS: "500",
          STORAGE_DIR: join(storage, name),
          EMPTY_ROOM_GRACE_SECONDS: "600",
        }),
        { port: 0, host: LOOPBACK, log: () => {} },
      );
    const servers = { A: await start("A"), B: await start("B") };
    const rooms = { A: await servers.A.rooms.get(ROOM), B: await servers.B.rooms.get(ROOM) };
    return new TwoNodes(redis, storage, servers, rooms);
  }

  workerPid(name: TNodeName): number {
    const worker = this.#servers[name].pool.workers[0];
    if (!worker) throw new Error(`node ${name} has no worker`);
    return worker.pid;
  }

  join(name: TNodeName, who: Pick<TJoinTokenClaims, "userId" | "displayName" | "role">): Peer {
    const room = this.rooms[name];
    return room.join({ room: room.id, ...who }, room.router.rtpCapabilities, false, DISCARDING_CHANNEL);
  }

  /** A sender's two ingest transports and producers on node A (the RTP parameters ffmpeg or the probe will send). */
  async addSender(peer: Peer, media: { audio?: types.RtpParameters; video?: types.RtpParameters }): Promise<Partial<TSenderPorts> & { producers: types.Producer[] }> {
    const room = this.rooms.A;
    const result: Partial<TSenderPorts> & { producers: types.Producer[] } = { producers: [] };
    for (const kind of ["audio", "video"] as const) {
      const rtpParameters = media[kind];
      if (!rtpParameters) continue;
      const transport = await room.createPlainTransport(peer, "send", SEND_TRANSPORT_OPTIONS);
      const { producerId } = await room.produce(peer, transport.id, kind, kind === "audio" ? "mic" : "camera", rtpParameters);
      result.producers.push(peer.producers.get(producerId)!);
      result[kind] = ingestPortsOf(transport);
    }
    return result;
  }

  /** Waits until node B's room knows these producers of node A (the roster crosses by Redis). */
  async seenOnB(producerIds: string[]): Promise<void> {
    const until = Date.now() + 10_000;
    while (!producerIds.every((id) => this.rooms.B.state().producers.some((p) => p.producerId === id))) {
      if (Date.now() > until) throw new Error("node B never learned node A's producers");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** A receiving participant on one node consuming the producers; SRTP unless it is a probe's plain sink. */
  async addReceiver(name: TNodeName, sinkPort: number, producerIds: string[], srtp = true): Promise<{ peer: Peer; ssrcs: Map<string, number> }> {
    const room = this.rooms[name];
    const index = this.#receivers++;
    const peer = this.join(name, { userId: `receiver-${name}-${index}`, displayName: `Người xem ${index + 1}`, role: "ATTENDEE" });
    const transport = await room.createPlainTransport(peer, "recv", srtp ? RECV_TRANSPORT_OPTIONS : { listenIp: LOOPBACK, rtcpMux: true, comedia: false });
    await transport.connect(srtp ? recvConnectParams(sinkPort) : { ip: LOOPBACK, port: sinkPort });
    const ssrcs = new Map<string, number>();
    for (const producerId of producerIds) {
      const consumed = await room.consume(peer, producerId);
      await room.setConsumerPaused(peer, consumed.consumerId, false);
      ssrcs.set(producerId, ssrcOf(consumed.rtpParameters));
    }
    return { peer, ssrcs };
  }

  leave(name: TNodeName, peer: Peer): void {
    this.rooms[name].leave(peer);
  }

  async close(): Promise<void> {
    await Promise.all([this.#servers.A.close(), this.#servers.B.close()]);
    await this.#redis.stop();
    rmSync(this.#storage, { recursive: true, force: true });
  }
}
