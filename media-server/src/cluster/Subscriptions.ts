import type { Redis } from "ioredis";

/** One Redis subscriber connection shared by every channel this node listens to. */
export class Subscriptions {
  readonly #redis: Redis;
  readonly #handlers = new Map<string, (message: string) => void>();

  constructor(redis: Redis) {
    this.#redis = redis;
    redis.on("message", (channel: string, message: string) => this.#handlers.get(channel)?.(message));
  }

  async on(channel: string, handler: (message: string) => void): Promise<void> {
    this.#handlers.set(channel, handler);
    await this.#redis.subscribe(channel);
  }

  async off(channel: string): Promise<void> {
    this.#handlers.delete(channel);
    await this.#redis.unsubscribe(channel);
  }
}
