import type { Redis } from "ioredis";
import { mediaNodeKeys } from "./keys";
import { DEFAULT_HEARTBEAT_MS, HEARTBEATS_TO_EXPIRY, ZMediaNodeSchema, type TMediaNode } from "./media-node";

/**
 * The media-server nodes sharing one Redis. Each node writes its record at every heartbeat with an
 * expiry of a few heartbeats, so a node that dies (even by SIGKILL) drops out within seconds.
 */
export class NodeRegistry {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  /** Writes a node's record; it expires after `ttlMs` unless written again. */
  async publish(node: TMediaNode, ttlMs: number): Promise<void> {
    await this.#redis
      .multi()
      .set(mediaNodeKeys.node(node.id), JSON.stringify(ZMediaNodeSchema.parse(node)), "PX", ttlMs)
      .sadd(mediaNodeKeys.nodeIds, node.id)
      .exec();
  }

  /** A node that stops on purpose leaves at once instead of expiring. */
  async remove(nodeId: string): Promise<void> {
    await this.#redis.multi().del(mediaNodeKeys.node(nodeId)).srem(mediaNodeKeys.nodeIds, nodeId).exec();
  }

  async liveNodes(): Promise<TMediaNode[]> {
    const ids = await this.#redis.smembers(mediaNodeKeys.nodeIds);
    if (ids.length === 0) return [];
    const records = await this.#redis.mget(ids.map(mediaNodeKeys.node));
    const live: TMediaNode[] = [];
    const expired: string[] = [];
    records.forEach((record, i) => {
      const parsed = record ? ZMediaNodeSchema.safeParse(JSON.parse(record)) : null;
      if (parsed?.success) live.push(parsed.data);
      else expired.push(ids[i]!);
    });
    if (expired.length > 0) await this.#redis.srem(mediaNodeKeys.nodeIds, ...expired);
    return live;
  }
}

export type THeartbeat = { stop(): Promise<void> };

/**
 * Publishes `record()` now and every `intervalMs`; stop() removes the node. A failed write is
 * reported and retried at the next beat (Redis may be restarting).
 */
export async function startHeartbeat(
  registry: NodeRegistry,
  record: () => TMediaNode,
  { intervalMs = DEFAULT_HEARTBEAT_MS, onError }: { intervalMs?: number; onError?: (error: Error) => void } = {},
): Promise<THeartbeat> {
  const ttlMs = intervalMs * HEARTBEATS_TO_EXPIRY;
  const beat = () => registry.publish(record(), ttlMs);
  await beat();
  const timer = setInterval(() => beat().catch((error: Error) => onError?.(error)), intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await registry.remove(record().id);
    },
  };
}
