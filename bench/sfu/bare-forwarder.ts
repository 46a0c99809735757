import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { ROOM_MEDIA_CODECS } from "../../media-server/src/Room";
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

/** The baseline: one mediasoup Worker and Router used directly, with the same codecs as our rooms. */
export class BareForwarder implements TForwarder {
  readonly label = "bare mediasoup";
  readonly #worker: types.Worker;
  readonly #router: types.Router;
  readonly #producers: types.Producer[] = [];

  private constructor(worker: types.Worker, router: types.Router) {
    this.#worker = worker;
    this.#router = router;
  }

  static async create(ports: { min: number; max: number }): Promise<BareForwarder> {
    const worker = await mediasoup.createWorker({ logLevel: "warn", rtcMinPort: ports.min, rtcMaxPort: ports.max });
    const router = await worker.createRouter({ mediaCodecs: ROOM_MEDIA_CODECS });
    return new BareForwarder(worker, router);
  }

  get workerPid(): number {
    return this.#worker.pid;
  }

  async addSender(index: number, videoLayers: number): Promise<TSenderPorts> {
    const params = senderRtpParameters(index, videoLayers);
    const audioTransport = await this.#router.createPlainTransport(SEND_TRANSPORT_OPTIONS);
    const videoTransport = await this.#router.createPlainTransport(SEND_TRANSPORT_OPTIONS);
    this.#producers.push(await audioTransport.produce({ kind: "audio", rtpParameters: params.audio }));
    this.#producers.push(await videoTransport.produce({ kind: "video", rtpParameters: params.video }));
    return { audio: ingestPortsOf(audioTransport), video: ingestPortsOf(videoTransport) };
  }

  async addReceiver(_index: number, sinkPort: number): Promise<TForwardedStream[]> {
    const transport = await this.#router.createPlainTransport(RECV_TRANSPORT_OPTIONS);
    await transport.connect(recvConnectParams(sinkPort));
    const streams: TForwardedStream[] = [];
    for (const producer of this.#producers) {
      const consumer = await transport.consume({
        producerId: producer.id,
        rtpCapabilities: this.#router.rtpCapabilities,
        paused: true,
      });
      await consumer.resume();
      streams.push({ producerId: producer.id, ssrc: ssrcOf(consumer.rtpParameters), producerLayers: producer.rtpParameters.encodings?.length ?? 1 });
    }
    return streams;
  }

  producerTallies(): Promise<Map<string, TProducerTally>> {
    return producerTalliesOf(this.#producers);
  }

  async close(): Promise<void> {
    this.#worker.close();
  }
}
