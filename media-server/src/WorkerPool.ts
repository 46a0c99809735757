import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";

export type TWorkerPoolOptions = {
  numWorkers: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  logLevel?: types.WorkerLogLevel;
  /** Delay before replacing a dead worker, so a worker that crashes at start cannot spin the CPU. */
  restartDelayMs?: number;
  log?: (message: string) => void;
};

type TSlot = { worker: types.Worker; load: number; routers: number; transports: number; consumers: number };

/**
 * One mediasoup Worker per core. New routers go to the least-loaded worker, where load counts
 * routers and WebRTC/plain transports (each transport is a peer's worth of packet work).
 * A worker that dies is replaced; its routers are gone, and their rooms learn it from the
 * router's "workerclose" event.
 *
 * The worker binary is taken from MEDIASOUP_WORKER_BIN, which mediasoup reads when it is imported.
 */
export class WorkerPool {
  readonly #options: Required<Omit<TWorkerPoolOptions, "log">> & Pick<TWorkerPoolOptions, "log">;
  readonly #slots: TSlot[] = [];
  readonly #routerSlots = new Map<string, TSlot>();
  #closed = false;
  readonly #restartTimers = new Set<NodeJS.Timeout>();

  private constructor(options: TWorkerPoolOptions) {
    this.#options = { logLevel: "warn", restartDelayMs: 1000, ...options };
  }

  static async create(options: TWorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    try {
      for (let i = 0; i < options.numWorkers; i++) pool.#slots.push(await pool.#startWorker());
    } catch (error) {
      pool.close();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.#slots.length;
  }

  get workers(): types.Worker[] {
    return this.#slots.map((slot) => slot.worker);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Creates a router on the least-loaded live worker. */
  async createRouter(options: types.RouterOptions): Promise<types.Router> {
    if (this.#closed) throw new Error("WorkerPool is closed");
    const live = this.#slots.filter((slot) => !slot.worker.closed);
    const slot = live.reduce<TSlot | undefined>((best, s) => (!best || s.load < best.load ? s : best), undefined);
    if (!slot) throw new Error("No live mediasoup worker");
    return slot.worker.createRouter(options);
  }

  get liveWorkerCount(): number {
    return this.#slots.filter((slot) => !slot.worker.closed).length;
  }

  /** Routers open on live workers; there is one router per room. */
  get routerCount(): number {
    return this.#slots.reduce((sum, slot) => sum + (slot.worker.closed ? 0 : slot.routers), 0);
  }

  /** Open transports and consumers on live workers: the load a node announces to the others. */
  counts(): { transports: number; consumers: number } {
    const live = this.#slots.filter((slot) => !slot.worker.closed);
    return {
      transports: live.reduce((sum, slot) => sum + slot.transports, 0),
      consumers: live.reduce((sum, slot) => sum + slot.consumers, 0),
    };
  }

  /** The worker a router of this pool runs on. */
  workerOfRouter(router: types.Router): types.Worker | undefined {
    return this.#routerSlots.get(router.id)?.worker;
  }

  /** Transports and consumers on the worker of this router: how full its core is. */
  workLoadOfRouter(router: types.Router): number {
    const slot = this.#routerSlots.get(router.id);
    return slot ? slot.transports + slot.consumers : 0;
  }

  /** The live worker with the fewest transports and consumers. */
  leastWorkedWorker(): types.Worker | undefined {
    const live = this.#slots.filter((slot) => !slot.worker.closed);
    return live.reduce<TSlot | undefined>((best, s) => (!best || s.transports + s.consumers < best.transports + best.consumers ? s : best), undefined)?.worker;
  }

  /** Current load per worker, for tests and diagnostics. */
  loads(): number[] {
    return this.#slots.map((slot) => slot.load);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#restartTimers) clearTimeout(timer);
    this.#restartTimers.clear();
    for (const slot of this.#slots) slot.worker.close();
  }

  async #startWorker(): Promise<TSlot> {
    const worker = await mediasoup.createWorker({
      logLevel: this.#options.logLevel,
      rtcMinPort: this.#options.rtcMinPort,
      rtcMaxPort: this.#options.rtcMaxPort,
    });
    const slot: TSlot = { worker, load: 0, routers: 0, transports: 0, consumers: 0 };
    worker.observer.on("newrouter", (router) => {
      slot.load++;
      slot.routers++;
      this.#routerSlots.set(router.id, slot);
      router.observer.once("close", () => {
        slot.load--;
        slot.routers--;
        this.#routerSlots.delete(router.id);
      });
      router.observer.on("newtransport", (transport) => {
        slot.load++;
        slot.transports++;
        transport.observer.once("close", () => {
          slot.load--;
          slot.transports--;
        });
        transport.observer.on("newconsumer", (consumer) => {
          slot.consumers++;
          consumer.observer.once("close", () => slot.consumers--);
        });
      });
    });
    worker.once("died", (error) => this.#onDied(slot, error));
    return slot;
  }

  #onDied(slot: TSlot, error: Error): void {
    this.#options.log?.(`mediasoup worker ${slot.worker.pid} died: ${error.message}; restarting`);
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#restartTimers.delete(timer);
      if (this.#closed) return;
      this.#startWorker().then(
        (fresh) => {
          if (this.#closed) return fresh.worker.close();
          this.#slots[this.#slots.indexOf(slot)] = fresh;
        },
        (startError: Error) => this.#onDied(slot, startError),
      );
    }, this.#options.restartDelayMs);
    this.#restartTimers.add(timer);
  }
}
