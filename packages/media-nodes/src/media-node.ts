import { z } from "zod";

/** What a media-server node says about itself in Redis at every heartbeat. */
export const ZMediaNodeSchema = z.object({
  id: z.string().min(1).max(64),
  /** Where browsers open their socket (the node's own MEDIA_SERVER_URL). */
  signalingUrl: z.url({ protocol: /^https?$/ }),
  /** The address other nodes' pipe transports send RTP to. */
  internalIp: z.union([z.ipv4(), z.ipv6()]),
  /** mediasoup workers, one per core. */
  cores: z.number().int().min(1),
  transports: z.number().int().min(0),
  consumers: z.number().int().min(0),
  /** Transports plus consumers per core at which the node counts as full: new peers of its rooms go elsewhere. */
  capacityPerCore: z.number().positive(),
  /**
   * When this run of the node started (ms since the epoch): what it wrote to Redis before a restart,
   * or before it was taken for dead, is told apart from what it writes now.
   */
  startedAt: z.number(),
  /** Milliseconds since the epoch of the heartbeat that wrote this record. */
  updatedAt: z.number(),
});
export type TMediaNode = z.infer<typeof ZMediaNodeSchema>;

/** Work per core: each transport is a peer's packet work, each consumer one forwarded stream. */
export function loadPerCore(node: Pick<TMediaNode, "transports" | "consumers" | "cores">): number {
  return (node.transports + node.consumers) / node.cores;
}

export function isFull(node: TMediaNode): boolean {
  return loadPerCore(node) >= node.capacityPerCore;
}

/** Heartbeats every interval; a record lives this many intervals, so a dead node is gone within them. */
export const DEFAULT_HEARTBEAT_MS = 2000;
export const HEARTBEATS_TO_EXPIRY = 3;
