import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { ConfigError, signJoinToken, type TJoinTokenClaims } from "@diemcau/protocol";
import { loadConfig } from "./config";
import { startMediaServer, type TMediaServer } from "./server";
import { connectClient, joinClient, opusParameters, vp8SimulcastParameters, type TTestClient } from "./test-client";
import { testConfig } from "./test-config";

const config = testConfig({
  limits: { peersPerRoom: 3, socketsPerToken: 1, transportsPerPeer: 1, producersPerPeer: 1, consumersPerPeer: 1 },
});
const secret = config.mediaSecret;
const room = "event-limits";
const claims = (userId: string, role: TJoinTokenClaims["role"] = "ATTENDEE"): TJoinTokenClaims => ({ room, userId, displayName: userId, role });

function connectWithToken(port: number, token: string): Promise<{ connected: true } | { connected: false; code: string }> {
  return new Promise((resolve) => {
    const socket = connect(`http://127.0.0.1:${port}`, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    socket.once("connect", () => {
      socket.close();
      resolve({ connected: true });
    });
    socket.once("connect_error", (error) => {
      socket.close();
      resolve({ connected: false, code: (error as Error & { data: { code: string } }).data.code });
    });
  });
}

describe("limits, each refused with its own code (real server and mediasoup worker)", () => {
  let server: TMediaServer;
  const clients: TTestClient[] = [];
  const client = async (c: TJoinTokenClaims) => {
    const made = await connectClient(server.port, c, secret);
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    server = await startMediaServer(config, { port: 0, log: () => {} });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  it("lets one join token open only MAX_SOCKETS_PER_TOKEN sockets", async () => {
    const token = await signJoinToken(claims("once"), secret);
    expect(await connectWithToken(server.port, token)).toEqual({ connected: true });
    expect(await connectWithToken(server.port, token)).toEqual({ connected: false, code: "TOO_MANY_CONNECTIONS" });
    expect(await connectWithToken(server.port, await signJoinToken(claims("twice"), secret))).toEqual({ connected: true });
  });

  it("bounds a peer's transports, producers and consumers, and consumes each producer once", async () => {
    const speaker = await client(claims("speaker"));
    await joinClient(speaker);
    const send = await speaker.ok("createTransport", { direction: "send" });
    expect(await speaker.request("createTransport", { direction: "recv" })).toMatchObject({ ok: false, error: { code: "TOO_MANY_TRANSPORTS" } });
    // Replacing the one transport it has is not a second one.
    const sendAgain = await speaker.ok("createTransport", { direction: "send" });
    expect(sendAgain.transportId).not.toBe(send.transportId);

    const mic = await speaker.ok("produce", { transportId: sendAgain.transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });
    const camera = await speaker.request("produce", { transportId: sendAgain.transportId, kind: "video", source: "camera", rtpParameters: vp8SimulcastParameters() });
    expect(camera).toMatchObject({ ok: false, error: { code: "TOO_MANY_PRODUCERS" } });
    const micAgain = await speaker.ok("produce", { transportId: sendAgain.transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });
    expect(micAgain.producerId).not.toBe(mic.producerId);

    const host = await client(claims("host", "HOST"));
    await joinClient(host);
    const hostSend = await host.ok("createTransport", { direction: "send" });
    const hostMic = await host.ok("produce", { transportId: hostSend.transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });

    const listener = await client(claims("listener"));
    await joinClient(listener);
    await listener.ok("createTransport", { direction: "recv" });
    await listener.ok("consume", { producerId: micAgain.producerId });
    expect(await listener.request("consume", { producerId: micAgain.producerId })).toMatchObject({ ok: false, error: { code: "ALREADY_CONSUMING" } });
    expect(await listener.request("consume", { producerId: hostMic.producerId })).toMatchObject({ ok: false, error: { code: "TOO_MANY_CONSUMERS" } });
    const listenerPeer = [...server.rooms.find(room)!.peers.values()].find((p) => p.userId === "listener")!;
    expect(listenerPeer.consumers.size).toBe(1);
  });

  it("refuses a join past MAX_PEERS_PER_ROOM with ROOM_FULL, never the scheduled host", async () => {
    expect(server.rooms.find(room)!.peers.size).toBe(3);
    const late = await client(claims("late"));
    const { rtpCapabilities } = await late.ok("getRouterRtpCapabilities");
    expect(await late.request("join", { rtpCapabilities })).toMatchObject({ ok: false, error: { code: "ROOM_FULL", message: expect.stringContaining("tối đa") } });
    const coHost = await client(claims("co-host", "HOST"));
    expect((await joinClient(coHost)).room.peers).toHaveLength(4);
  });
});

describe("limits in config.ts", () => {
  const env = (extra: Record<string, string>) => ({ MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN, ...extra });

  it("by default fit a class of 500 students with its teachers", () => {
    expect(loadConfig(env({})).limits.peersPerRoom).toBeGreaterThanOrEqual(502);
  });

  it("are read from MAX_* and refused when out of range", () => {
    expect(loadConfig(env({ MAX_PEERS_PER_ROOM: "600", MAX_CONSUMERS_PER_PEER: "50" })).limits).toMatchObject({ peersPerRoom: 600, consumersPerPeer: 50 });
    expect(() => loadConfig(env({ MAX_PEERS_PER_ROOM: "1" }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ MAX_SOCKETS_PER_TOKEN: "zero" }))).toThrow(/MAX_SOCKETS_PER_TOKEN/);
  });
});
