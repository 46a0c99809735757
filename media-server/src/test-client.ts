import { io as connect, type Socket } from "socket.io-client";
import type { types } from "mediasoup";
import { signJoinToken, type TAck, type TJoinTokenClaims, type TSignalingRequest, type TSignalingRequestName, type TSignalingResponse } from "@diemcau/protocol";

/** A signaling client for tests: raw socket.io, typed requests, every received event recorded. */
export type TTestClient = {
  socket: Socket;
  events: { event: string; data: unknown }[];
  request<N extends TSignalingRequestName>(name: N, payload?: TSignalingRequest<N>): Promise<TAck<TSignalingResponse<N>>>;
  ok<N extends TSignalingRequestName>(name: N, payload?: TSignalingRequest<N>): Promise<TSignalingResponse<N>>;
  close(): void;
};

export async function connectClient(
  port: number,
  claims: TJoinTokenClaims,
  secret: string,
  tokenOptions?: Parameters<typeof signJoinToken>[2],
): Promise<TTestClient> {
  const token = await signJoinToken(claims, secret, tokenOptions);
  const socket = connect(`http://127.0.0.1:${port}`, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
  const events: TTestClient["events"] = [];
  socket.onAny((event: string, data: unknown) => events.push({ event, data }));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const request: TTestClient["request"] = (name, payload) =>
    socket.timeout(10_000).emitWithAck(name, payload ?? {}) as never;
  return {
    socket,
    events,
    request,
    ok: async (name, payload) => {
      const ack = await request(name, payload);
      if (!ack.ok) throw new Error(`${name} failed: ${ack.error.code} ${ack.error.message}`);
      return ack.data;
    },
    close: () => socket.disconnect(),
  };
}

/** Joins with the router's own capabilities, which can consume everything the router routes. */
export async function joinClient(client: TTestClient) {
  const { rtpCapabilities } = await client.ok("getRouterRtpCapabilities");
  return client.ok("join", { rtpCapabilities });
}

let ssrc = 1000;

export function opusParameters(): types.RtpParameters {
  return {
    mid: "0",
    codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } }],
    headerExtensions: [],
    encodings: [{ ssrc: ssrc++ }],
    rtcp: { cname: "test" },
  };
}

export function vp8SimulcastParameters(): types.RtpParameters {
  return {
    mid: "1",
    codecs: [
      {
        mimeType: "video/VP8",
        payloadType: 101,
        clockRate: 90000,
        rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "ccm", parameter: "fir" }, { type: "goog-remb" }],
      },
    ],
    headerExtensions: [],
    encodings: [
      { ssrc: ssrc++, scalabilityMode: "L1T3" },
      { ssrc: ssrc++, scalabilityMode: "L1T3" },
      { ssrc: ssrc++, scalabilityMode: "L1T3" },
    ],
    rtcp: { cname: "test" },
  };
}

export function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error("waitFor timed out"));
      setTimeout(tick, 20);
    };
    tick();
  });
}
