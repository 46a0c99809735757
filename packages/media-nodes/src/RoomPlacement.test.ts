import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TMediaNode } from "./media-node";
import { NodeRegistry, startHeartbeat } from "./NodeRegistry";
import { RoomPlacement } from "./RoomPlacement";
import { startTestRedis, type TTestRedis } from "./testing/test-redis";

let server: TTestRedis;
let redis: Redis;
let registry: NodeRegistry;
let placement: RoomPlacement;

const node = (id: string, load: { transports?: number; consumers?: number; capacityPerCore?: number } = {}): TMediaNode => ({
  id,
  signalingUrl: `http://${id}.example:3001`,
  internalIp: "10.0.0.1",
  cores: 2,
  transports: load.transports ?? 0,
  consumers: load.consumers ?? 0,
  capacityPerCore: load.capacityPerCore ?? 100,
  startedAt: 1,
  updatedAt: Date.now(),
});

beforeAll(async () => {
  server = await startTestRedis();
  redis = new Redis(server.url);
  registry = new NodeRegistry(redis);
  placement = new RoomPlacement(redis, registry);
});

afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

describe("RoomPlacement", () => {
  it("sends a room's first peer to the least-loaded node, the next ones to its home, and spreads it when its home is full", async () => {
    await redis.flushall();
    await registry.publish(node("a", { consumers: 80 }), 10_000);
    await registry.publish(node("b", { consumers: 20 }), 10_000);
    expect((await placement.placePeer("room-1"))?.id).toBe("b");
    // The node claims the home when it opens the room.
    expect(await placement.claimHome("room-1", "b", ["a", "b"])).toBe("b");
    await registry.publish(node("b", { consumers: 150 }), 10_000);
    // Busier now than a, but not full: the room stays on its home.
    expect((await placement.placePeer("room-1"))?.id).toBe("b");
    await registry.publish(node("b", { consumers: 200 }), 10_000);
    expect((await placement.placePeer("room-1"))?.id).toBe("a");
    // a opens the room too, but b stays its home.
    expect(await placement.claimHome("room-1", "a", ["a", "b"])).toBe("b");
  });

  it("forgets a node that stopped beating within the expiry; a node holding the room takes its home", async () => {
    await redis.flushall();
    const beats = await startHeartbeat(registry, () => node("a"), { intervalMs: 100 });
    await registry.publish(node("b", { consumers: 50 }), 300);
    expect((await placement.placePeer("room-2"))?.id).toBe("a");
    expect(await placement.claimHome("room-2", "a", ["a", "b"])).toBe("a");
    await beats.stop();
    expect((await registry.liveNodes()).map((n) => n.id)).toEqual(["b"]);
    expect((await placement.placePeer("room-2"))?.id).toBe("b");
    expect(await placement.claimHome("room-2", "b", ["b"])).toBe("b");
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await registry.liveNodes()).toEqual([]);
    expect(await placement.placePeer("room-2")).toBeNull();
  });

  it("gives two concurrent placements of a new room the same home", async () => {
    await redis.flushall();
    await registry.publish(node("a"), 10_000);
    await registry.publish(node("b"), 10_000);
    const homes = await Promise.all(["a", "b", "a", "b"].map((id) => placement.claimHome("room-3", id, ["a", "b"])));
    expect(new Set(homes).size).toBe(1);
  });
});
