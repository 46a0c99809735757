import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";
import { mediaNodeKeys } from "@diemcau/media-nodes";
import { ZSignalingErrorCodeSchema } from "@diemcau/protocol";
import { SignalingError } from "../SignalingError";
import type { Subscriptions } from "./Subscriptions";

const ZRequestSchema = z.object({ id: z.string(), from: z.string(), method: z.string(), params: z.unknown() });
/** A refusal keeps its signaling code, so the peer who asked on another node gets the same answer as here. */
const ZReplySchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  data: z.unknown().optional(),
  error: z.string().optional(),
  code: ZSignalingErrorCodeSchema.optional(),
});

/** A request to another node that got no answer in time (the node is likely dead). */
const REQUEST_TIMEOUT_MS = 5000;

export type TRequestHandler = (from: string, params: unknown) => Promise<unknown>;

/**
 * Requests between media-server nodes over Redis pub/sub: each node listens on its own request
 * channel and gets answers on its own reply channel. Handlers validate their params with zod.
 */
export class NodeRequests {
  readonly #redis: Redis;
  readonly #nodeId: string;
  readonly #handlers: Record<string, TRequestHandler>;
  readonly #pending = new Map<string, { resolve: (data: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();

  private constructor(redis: Redis, nodeId: string, handlers: Record<string, TRequestHandler>) {
    this.#redis = redis;
    this.#nodeId = nodeId;
    this.#handlers = handlers;
  }

  static async start(redis: Redis, subscriptions: Subscriptions, nodeId: string, handlers: Record<string, TRequestHandler>): Promise<NodeRequests> {
    const requests = new NodeRequests(redis, nodeId, handlers);
    await subscriptions.on(mediaNodeKeys.nodeRequests(nodeId), (message) => void requests.#answer(message));
    await subscriptions.on(mediaNodeKeys.nodeReplies(nodeId), (message) => requests.#settle(message));
    return requests;
  }

  ask(nodeId: string, method: string, params: unknown): Promise<unknown> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`node ${nodeId} did not answer ${method} within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.#pending.set(id, { resolve, reject, timer });
      this.#redis.publish(mediaNodeKeys.nodeRequests(nodeId), JSON.stringify({ id, from: this.#nodeId, method, params })).catch((error: Error) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        reject(error);
      });
    });
  }

  close(): void {
    for (const { reject, timer } of this.#pending.values()) {
      clearTimeout(timer);
      reject(new Error("node requests closed"));
    }
    this.#pending.clear();
  }

  async #answer(message: string): Promise<void> {
    const request = ZRequestSchema.safeParse(safeJson(message));
    if (!request.success) return;
    const { id, from, method, params } = request.data;
    const handler = this.#handlers[method];
    const reply = handler
      ? await handler(from, params).then(
          (data) => ({ id, ok: true, data }),
          (error: Error) => ({ id, ok: false, error: error.message, ...(error instanceof SignalingError ? { code: error.code } : {}) }),
        )
      : { id, ok: false, error: `unknown method ${method}` };
    await this.#redis.publish(mediaNodeKeys.nodeReplies(from), JSON.stringify(reply)).catch(() => {});
  }

  #settle(message: string): void {
    const reply = ZReplySchema.safeParse(safeJson(message));
    if (!reply.success) return;
    const pending = this.#pending.get(reply.data.id);
    if (!pending) return;
    this.#pending.delete(reply.data.id);
    clearTimeout(pending.timer);
    if (reply.data.ok) pending.resolve(reply.data.data);
    else if (reply.data.code) pending.reject(new SignalingError(reply.data.code, reply.data.error));
    else pending.reject(new Error(reply.data.error ?? "request failed"));
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
