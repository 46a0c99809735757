import type { types } from "mediasoup";
import type { WorkerPool } from "./WorkerPool";

/**
 * A room's routers on this node, so a large room uses every core. The main router (on the worker
 * Rooms chose) holds the active-speaker observer, the recorder's consumers and the other nodes'
 * pipes; new peers join it until its core is full (`coreCapacity` transports + consumers), then go to
 * a router of the room on the least-loaded core. A producer reaches another router with
 * pipeToRouter, once per producer and router, and every producer is piped to the main router so the
 * recorder and the active speaker see the whole room.
 */
export class RoomRouters {
  readonly main: types.Router;
  readonly #pool: WorkerPool | null;
  readonly #coreCapacity: number;
  readonly #mediaCodecs: types.RtpCodecCapability[];
  readonly #byWorker = new Map<types.Worker, Promise<types.Router>>();
  readonly #peerRouters = new Map<string, types.Router>();
  readonly #producerRouters = new Map<string, types.Router>();
  readonly #piped = new Map<string, Promise<void>>();

  /** Without a pool (or capacity) the room keeps to its main router. */
  constructor(main: types.Router, options: { pool?: WorkerPool; coreCapacity?: number; mediaCodecs?: types.RtpCodecCapability[] } = {}) {
    this.main = main;
    this.#pool = options.pool ?? null;
    this.#coreCapacity = options.coreCapacity ?? Infinity;
    this.#mediaCodecs = options.mediaCodecs ?? [];
  }

  /** The router a peer's transports go on; the same one for all of them. */
  async routerFor(peerId: string): Promise<types.Router> {
    const known = this.#peerRouters.get(peerId);
    if (known) return known;
    const router = await this.#choose();
    this.#peerRouters.set(peerId, router);
    return router;
  }

  forgetPeer(peerId: string): void {
    this.#peerRouters.delete(peerId);
  }

  /** Where a producer of this node was made; the other nodes' producers arrive on the main router. */
  addProducer(producer: types.Producer, router: types.Router): void {
    this.#producerRouters.set(producer.id, router);
    producer.observer.once("close", () => {
      this.#producerRouters.delete(producer.id);
      for (const key of [...this.#piped.keys()]) if (key.startsWith(`${producer.id}:`)) this.#piped.delete(key);
    });
  }

  /** Makes the producer consumable on `target`, piping it there once if it lives on another router. */
  ensure(producerId: string, target: types.Router): Promise<void> {
    const source = this.#producerRouters.get(producerId) ?? this.main;
    if (source === target) return Promise.resolve();
    const key = `${producerId}:${target.id}`;
    let piped = this.#piped.get(key);
    if (!piped) {
      piped = source.pipeToRouter({ producerId, router: target }).then(
        () => undefined,
        (error: Error) => {
          this.#piped.delete(key);
          throw error;
        },
      );
      this.#piped.set(key, piped);
    }
    return piped;
  }

  close(): void {
    for (const router of this.#byWorker.values()) void router.then((r) => r.close(), () => {});
    this.#byWorker.clear();
  }

  async #choose(): Promise<types.Router> {
    const pool = this.#pool;
    if (!pool || pool.workLoadOfRouter(this.main) < this.#coreCapacity) return this.main;
    const worker = pool.leastWorkedWorker();
    if (!worker || worker === pool.workerOfRouter(this.main)) return this.main;
    let router = this.#byWorker.get(worker);
    if (!router) {
      router = worker.createRouter({ mediaCodecs: this.#mediaCodecs });
      router.catch(() => this.#byWorker.delete(worker));
      this.#byWorker.set(worker, router);
    }
    return router;
  }
}
