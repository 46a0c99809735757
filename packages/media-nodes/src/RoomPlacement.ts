import { Redis } from "ioredis";
import { chooseNode } from "./choose-node";
import { mediaNodeKeys } from "./keys";
import type { TMediaNode } from "./media-node";
import { NodeRegistry } from "./NodeRegistry";

/** A room's home is remembered this long; no meeting lasts a day. */
const HOME_TTL_MS = 24 * 3600_000;

/**
 * Keeps the home unless it is one of the live nodes no more; then the candidate takes it over.
 * Atomic, so two web processes (or nodes) placing the same room at once agree on one home.
 * KEYS[1] home key; ARGV[1] candidate, ARGV[2] ttl, ARGV[3..] live node ids.
 */
const CLAIM_HOME = `
local home = redis.call('GET', KEYS[1])
if home then
  for i = 3, #ARGV do
    if ARGV[i] == home then return home end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]
`;

/** Which node a room lives on and which node each new peer of it is sent to. */
export class RoomPlacement {
  readonly #redis: Redis;
  readonly #registry: NodeRegistry;

  constructor(redis: Redis, registry: NodeRegistry) {
    this.#redis = redis;
    this.#registry = registry;
  }

  /**
   * The node a new peer of the room must connect to: its home while that lives and has room, else
   * the least-loaded node. Only nodes claim a home (when they open the room), so a room's home is
   * always a node that holds it; a dead home's rooms are claimed by a node they live on. Null when
   * no node is alive.
   */
  async placePeer(roomId: string): Promise<TMediaNode | null> {
    const [nodes, homeId] = await Promise.all([this.#registry.liveNodes(), this.home(roomId)]);
    return chooseNode(nodes, homeId);
  }

  /** The room's live home, or the candidate if it had none. */
  async claimHome(roomId: string, candidateId: string, liveIds: readonly string[]): Promise<string> {
    return (await this.#redis.eval(CLAIM_HOME, 1, mediaNodeKeys.roomHome(roomId), candidateId, HOME_TTL_MS, ...liveIds)) as string;
  }

  async home(roomId: string): Promise<string | null> {
    return this.#redis.get(mediaNodeKeys.roomHome(roomId));
  }
}

/** A placement on its own Redis connection, for a process that only places (web). */
export function connectRoomPlacement(redisUrl: string): RoomPlacement {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 3000 });
  return new RoomPlacement(redis, new NodeRegistry(redis));
}
