import type { types } from "mediasoup";
import type { TJoinTokenClaims } from "@diemcau/protocol";
import type { Peer, TPeerChannel } from "../../media-server/src/Peer";
import type { Room } from "../../media-server/src/Room";
import { DEFAULT_ROOM_LIMITS } from "../../media-server/src/config";
import { Rooms } from "../../media-server/src/Rooms";
import { WorkerPool } from "../../media-server/src/WorkerPool";
import {
  ingestPortsOf,
  producerTalliesOf,
  recvConnectParams,
  RECV_TRANSPORT_OPTIONS,
  SEND_TRANSPORT_OPTIONS,
  senderRtpParameters,
  ssrcOf,
  type TForwardedStream,
  type TForwarder,
  type TProducerTally,
  type TSenderPorts,
} from "./plain-rtp";

/** Rendered heights a receiver's tiles cycle through: one per simulcast layer (media-server/src/layers.ts). */
const TILE_HEIGHTS = [180, 360, 720] as const;

type TReceiver = { peer: Peer; index: number; videoConsumerIds: string[] };

/**
 * Our media-server's room layer: WorkerPool → Rooms → Room, with peers joining and producing and
 * consuming through Room's own methods (the ones the signaling handlers call), so every event
 * handler, the active-speaker observer and the layer logic run as in a meeting.
 *
 * The one difference is the transport: browsers get WebRTC transports, which need ICE and DTLS, so
 * the benchmark's clients get plain RTP ones from Room.createPlainTransport.
 */
export class RoomForwarder implements TForwarder {
  readonly label = "our room layer";
  readonly #pool: WorkerPool;
  readonly #rooms: Rooms;
  readonly #room: Room;
  readonly #producers: types.Producer[] = [];
  readonly #rtpCapabilities: types.RtpCapabilities;
  readonly #receivers: TReceiver[] = [];
  #layerChanges = 0;
  /** Socket.io would carry these to browsers; the benchmark has no browsers, so events end here, counting layer changes. */
  readonly #channel: TPeerChannel = {
    notify: (event) => {
      if (event === "consumerLayersChanged") this.#layerChanges++;
    },
    disconnect: () => {},
  };

  private constructor(pool: WorkerPool, rooms: Rooms, room: Room) {
    this.#pool = pool;
    this.#rooms = rooms;
    this.#room = room;
    this.#rtpCapabilities = room.router.rtpCapabilities;
  }

  static async create(ports: { min: number; max: number }): Promise<RoomForwarder> {
    const pool = await WorkerPool.create({ numWorkers: 1, rtcMinPort: ports.min, rtcMaxPort: ports.max });
    const rooms = new Rooms({ pool, listenIp: { ip: "127.0.0.1" }, ice: { urls: [], credentialTtlSeconds: 3600 }, emptyGraceMs: 60_000, limits: DEFAULT_ROOM_LIMITS });
    const room = await rooms.get("bench-sfu-load");
    return new RoomForwarder(pool, rooms, room);
  }

  get workerPid(): number {
    const worker = this.#pool.workers[0];
    if (!worker) throw new Error("worker pool is empty");
    return worker.pid;
  }

  get layerChanges(): number {
    return this.#layerChanges;
  }

  async addSender(index: number, videoLayers: number): Promise<TSenderPorts> {
    const params = senderRtpParameters(index, videoLayers);
    const peer = this.#join({ userId: `sender-${index}`, displayName: `Điểm cầu ${index + 1}`, role: "PRESENTER" });
    const audioTransport = await this.#room.createPlainTransport(peer, "send", SEND_TRANSPORT_OPTIONS);
    const videoTransport = await this.#room.createPlainTransport(peer, "send", SEND_TRANSPORT_OPTIONS);
    for (const [transport, kind, source, rtpParameters] of [
      [audioTransport, "audio", "mic", params.audio],
      [videoTransport, "video", "camera", params.video],
    ] as const) {
      const { producerId } = await this.#room.produce(peer, transport.id, kind, source, rtpParameters);
      const producer = peer.producers.get(producerId);
      if (!producer) throw new Error("room did not keep the producer");
      this.#producers.push(producer);
    }
    return { audio: ingestPortsOf(audioTransport), video: ingestPortsOf(videoTransport) };
  }

  async addReceiver(index: number, sinkPort: number): Promise<TForwardedStream[]> {
    const peer = this.#join({ userId: `receiver-${index}`, displayName: `Người xem ${index + 1}`, role: "ATTENDEE" });
    const transport = await this.#room.createPlainTransport(peer, "recv", RECV_TRANSPORT_OPTIONS);
    await transport.connect(recvConnectParams(sinkPort));
    const streams: TForwardedStream[] = [];
    const receiver: TReceiver = { peer, index, videoConsumerIds: [] };
    for (const producer of this.#producers) {
      const consumed = await this.#room.consume(peer, producer.id);
      await this.#room.setConsumerPaused(peer, consumed.consumerId, false);
      if (consumed.type === "simulcast") receiver.videoConsumerIds.push(consumed.consumerId);
      streams.push({ producerId: producer.id, ssrc: ssrcOf(consumed.rtpParameters), producerLayers: producer.rtpParameters.encodings?.length ?? 1 });
    }
    this.#receivers.push(receiver);
    return streams;
  }

  /** Each receiver's tiles take the next height in turn, receivers out of step, so all three layers are in use. */
  async switchLayers(tick: number): Promise<void> {
    for (const { peer, index, videoConsumerIds } of this.#receivers) {
      const height = TILE_HEIGHTS[(tick + index) % TILE_HEIGHTS.length]!;
      await Promise.all(videoConsumerIds.map((id) => this.#room.setConsumerRenderedSize(peer, id, height)));
    }
  }

  producerTallies(): Promise<Map<string, TProducerTally>> {
    return producerTalliesOf(this.#producers);
  }

  async close(): Promise<void> {
    this.#rooms.closeAll();
    this.#pool.close();
  }

  #join(who: Pick<TJoinTokenClaims, "userId" | "displayName" | "role">): Peer {
    return this.#room.join({ room: this.#room.id, ...who }, this.#rtpCapabilities, false, this.#channel);
  }
}
