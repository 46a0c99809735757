import { io, type Socket } from "socket.io-client";
import {
  signalingEvents,
  signalingRequests,
  ZAckSchema,
  ZSignalingErrorSchema,
  type TSignalingEvent,
  type TSignalingEventName,
  type TSignalingRequest,
  type TSignalingRequestName,
  type TSignalingResponse,
} from "@diemcau/protocol";
import { RoomClientError, signalingFailure } from "./errors";

const REQUEST_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;

export type TSignalingHandlers = {
  [N in TSignalingEventName]?: (payload: TSignalingEvent<N>) => void;
};

/**
 * One socket.io connection to the media server, opened with one join token. Requests resolve
 * with the ack's data or reject with a RoomClientError; server events are validated before
 * they reach the handlers. Reconnection is the RoomClient's job (it needs a fresh token), so
 * socket.io's own is off.
 */
export class SignalingChannel {
  private constructor(private readonly socket: Socket) {}

  static async open(
    serverUrl: string,
    token: string,
    handlers: TSignalingHandlers,
    onDisconnect: (reason: string) => void,
  ): Promise<SignalingChannel> {
    const socket = io(serverUrl, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true, timeout: CONNECT_TIMEOUT_MS });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", (error: Error & { data?: unknown }) => {
        socket.close();
        const refusal = ZSignalingErrorSchema.safeParse(error.data);
        reject(refusal.success ? signalingFailure(refusal.data.code, refusal.data.message) : new RoomClientError("CONNECTION_FAILED"));
      });
    });
    for (const name of Object.keys(signalingEvents) as TSignalingEventName[]) {
      socket.on(name, (payload: unknown) => {
        const parsed = signalingEvents[name].safeParse(payload);
        if (!parsed.success) {
          console.warn(`[room-client] ignored malformed "${name}" event`, parsed.error.issues);
          return;
        }
        (handlers[name] as ((payload: unknown) => void) | undefined)?.(parsed.data);
      });
    }
    socket.on("disconnect", (reason) => onDisconnect(reason));
    return new SignalingChannel(socket);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  async request<N extends TSignalingRequestName>(name: N, payload: TSignalingRequest<N>): Promise<TSignalingResponse<N>> {
    if (!this.socket.connected) throw new RoomClientError("NOT_CONNECTED");
    let raw: unknown;
    try {
      raw = await this.socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(name, payload);
    } catch {
      throw new RoomClientError(this.socket.connected ? "TIMEOUT" : "NOT_CONNECTED");
    }
    const ack = ZAckSchema(signalingRequests[name].response).safeParse(raw);
    if (!ack.success) throw new RoomClientError("INTERNAL", `Phản hồi không hợp lệ cho "${name}".`);
    if (!ack.data.ok) throw signalingFailure(ack.data.error.code, ack.data.error.message);
    return ack.data.data as TSignalingResponse<N>;
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}
