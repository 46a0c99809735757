import type { types } from "mediasoup";
import { z } from "zod";
import { ZMediaSourceSchema } from "@diemcau/protocol";
import type { TProducerAppData } from "../Peer";
import type { Rooms } from "../Rooms";

/**
 * RTP between nodes: each piped producer has its own pair of PipeTransports, so one producer
 * crosses to a node once however many consume it there. RTX on, so a packet lost between the
 * hosts is asked for again rather than shown as a glitch.
 */
const PIPE_OPTIONS = { enableRtx: true } as const;

const zIp = z.union([z.ipv4(), z.ipv6()]);
const ZOpenPipeSchema = z.object({ roomId: z.string().min(1), producerId: z.string().min(1), ip: zIp, port: z.number().int().min(1).max(65535) });
export type TOpenPipe = z.infer<typeof ZOpenPipeSchema>;
const ZPipeOfferSchema = z.object({
  ip: zIp,
  port: z.number().int().min(1).max(65535),
  kind: z.enum(["audio", "video"]),
  /** The pipe consumer's RTP parameters, which the receiving node's pipe producer takes as they are. */
  rtpParameters: z.record(z.string(), z.unknown()),
  paused: z.boolean(),
  peerId: z.string().min(1),
  source: ZMediaSourceSchema,
});
const ZClosePipesSchema = z.object({ roomId: z.string().min(1) });

type TPipeAppData = { roomId: string; node: string };

/**
 * The sending side: another node asks for one of this node's producers (openPipe) and gets the
 * address and RTP parameters of a pipe consumer sending it there. Pipes to a node close when it
 * says its part of the room closed, or when it dies.
 */
export class PipeServer {
  readonly #rooms: Rooms;
  readonly #internalIp: string;
  readonly #pipes = new Set<types.PipeTransport<TPipeAppData>>();

  constructor(rooms: Rooms, internalIp: string) {
    this.#rooms = rooms;
    this.#internalIp = internalIp;
  }

  /** Pipes open toward other nodes (for load and tests). */
  get size(): number {
    return this.#pipes.size;
  }

  readonly openPipe = async (from: string, params: unknown): Promise<z.infer<typeof ZPipeOfferSchema>> => {
    const { roomId, producerId, ip, port } = ZOpenPipeSchema.parse(params);
    const room = this.#rooms.find(roomId);
    const producer = room?.localProducer(producerId);
    if (!room || !producer) throw new Error(`no producer ${producerId} in room ${roomId} here`);
    const transport = await room.router.createPipeTransport<TPipeAppData>({ listenIp: this.#internalIp, ...PIPE_OPTIONS, appData: { roomId, node: from } });
    this.#pipes.add(transport);
    transport.observer.once("close", () => this.#pipes.delete(transport));
    try {
      await transport.connect({ ip, port });
      const consumer = await transport.consume({ producerId });
      consumer.observer.once("close", () => transport.close());
      return {
        ip: this.#internalIp,
        port: transport.tuple.localPort,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters as unknown as Record<string, unknown>,
        paused: consumer.producerPaused,
        peerId: producer.appData.peerId,
        source: producer.appData.source,
      };
    } catch (error) {
      transport.close();
      throw error;
    }
  };

  readonly closePipes = async (from: string, params: unknown): Promise<void> => {
    const { roomId } = ZClosePipesSchema.parse(params);
    this.closeWhere((pipe) => pipe.node === from && pipe.roomId === roomId);
  };

  /** A node that died receives nothing more. */
  closeToNodes(nodeIds: ReadonlySet<string>): void {
    this.closeWhere((pipe) => nodeIds.has(pipe.node));
  }

  closeWhere(match: (pipe: TPipeAppData) => boolean): void {
    for (const transport of [...this.#pipes]) if (match(transport.appData)) transport.close();
  }
}

/**
 * The receiving side: a pipe transport on this node's router, the owner asked for its half, and a
 * pipe producer with the owner's producer id, which local consumers consume like any other.
 */
export async function pipeIn(
  router: types.Router,
  internalIp: string,
  producerId: string,
  ask: (params: TOpenPipe) => Promise<unknown>,
  roomId: string,
): Promise<types.Producer<TProducerAppData>> {
  const transport = await router.createPipeTransport({ listenIp: internalIp, ...PIPE_OPTIONS });
  try {
    const offer = ZPipeOfferSchema.parse(await ask({ roomId, producerId, ip: internalIp, port: transport.tuple.localPort }));
    await transport.connect({ ip: offer.ip, port: offer.port });
    const producer = await transport.produce<TProducerAppData>({
      id: producerId,
      kind: offer.kind,
      rtpParameters: offer.rtpParameters as unknown as types.RtpParameters,
      paused: offer.paused,
      appData: { peerId: offer.peerId, source: offer.source },
    });
    producer.observer.once("close", () => transport.close());
    return producer;
  } catch (error) {
    transport.close();
    throw error;
  }
}
