import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { io as connect } from "socket.io-client";
import { signJoinToken, type TJoinTokenClaims } from "@diemcau/protocol";
import { startMediaServer, type TMediaServer } from "./server";
import { connectClient, joinClient, opusParameters, vp8SimulcastParameters, waitFor, type TTestClient } from "./test-client";
import { testConfig } from "./test-config";
import { countMediasoupObjects, type TLiveMediasoupObjects } from "./test-mediasoup-objects";

const config = testConfig({ emptyRoomGraceMs: 300 });
const secret = config.mediaSecret;
const room = "event-42";
const hostClaims: TJoinTokenClaims = { room, userId: "host", displayName: "Chủ trì", role: "HOST" };
const attendee = (userId: string, extra: Partial<TJoinTokenClaims> = {}): TJoinTokenClaims => ({
  room,
  userId,
  displayName: `Người ${userId}`,
  role: "ATTENDEE",
  ...extra,
});

function connectError(port: number, token: unknown): Promise<{ code: string; message: string }> {
  return new Promise((resolve) => {
    const socket = connect(`http://127.0.0.1:${port}`, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    socket.once("connect_error", (error) => {
      socket.close();
      resolve((error as Error & { data: { code: string; message: string } }).data);
    });
  });
}

describe("signaling over a real socket.io connection and mediasoup worker", () => {
  let server: TMediaServer;
  let live: TLiveMediasoupObjects;
  const clients: TTestClient[] = [];
  const client = async (claims: TJoinTokenClaims) => {
    const c = await connectClient(server.port, claims, secret);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    server = await startMediaServer(config, { port: 0, log: () => {} });
    live = countMediasoupObjects(server.pool.workers).live;
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server.close();
  });

  it("refuses a missing, foreign or expired token at connection", async () => {
    expect((await connectError(server.port, undefined)).code).toBe("TOKEN_MISSING");
    expect((await connectError(server.port, await signJoinToken(hostClaims, "z".repeat(40)))).code).toBe("TOKEN_INVALID");
    const expired = await signJoinToken(hostClaims, secret, { ttlSeconds: 60, now: Date.now() - 3_600_000 });
    const error = await connectError(server.port, expired);
    expect(error).toEqual({ code: "TOKEN_EXPIRED", message: expect.stringContaining("hết hạn") });
  });

  it("refuses to join on a socket opened in time once its token has expired (a preview kept open too long)", async () => {
    // Expired two seconds ago: still inside the connection's clock tolerance, no longer good for joining.
    const early = await connectClient(server.port, attendee("early"), secret, { ttlSeconds: 1, now: Date.now() - 3000 });
    clients.push(early);
    expect((await early.ok("getRouterRtpCapabilities", {})).rtpCapabilities).toBeTruthy();
    expect(await early.request("join", { rtpCapabilities: {} })).toMatchObject({ ok: false, error: { code: "TOKEN_EXPIRED" } });
  });

  it("hands browsers capabilities that leave audio out of bandwidth estimation, and keep it for video", async () => {
    // Else a browser that sends only its microphone pads its Opus stream with bandwidth probes,
    // which mediasoup forwards to every listener: more than twice the voice on a thin link.
    const { rtpCapabilities } = await (await client(attendee("caps"))).ok("getRouterRtpCapabilities", {});
    const transportCc = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    const extensionKinds = rtpCapabilities.headerExtensions?.filter((ext) => ext.uri === transportCc).map((ext) => ext.kind);
    expect(extensionKinds).toEqual(["video"]);
    const feedback = (mimeType: string) => rtpCapabilities.codecs?.find((codec) => codec.mimeType === mimeType)?.rtcpFeedback?.map((fb) => fb.type);
    expect(feedback("audio/opus")).not.toContain("transport-cc");
    expect(feedback("video/VP8")).toContain("transport-cc");
  });

  it("answers transports sent right behind the join, and refuses them when that join fails", async () => {
    const a = await client(attendee("pipelined"));
    const { rtpCapabilities } = await a.ok("getRouterRtpCapabilities", {});
    const [joined, recv, send] = await Promise.all([
      a.request("join", { rtpCapabilities }),
      a.request("createTransport", { direction: "recv" }),
      a.request("createTransport", { direction: "send" }),
    ]);
    expect([joined.ok, recv.ok, send.ok]).toEqual([true, true, true]);

    const late = await connectClient(server.port, attendee("late"), secret, { ttlSeconds: 1, now: Date.now() - 3000 });
    clients.push(late);
    const [refused, transport] = await Promise.all([late.request("join", { rtpCapabilities }), late.request("createTransport", { direction: "recv" })]);
    expect(refused).toMatchObject({ ok: false, error: { code: "TOKEN_EXPIRED" } });
    expect(transport).toMatchObject({ ok: false, error: { code: "NOT_JOINED" } });
  });

  it("answers out-of-order and foreign requests with typed errors", async () => {
    const a = await client(attendee("a"));
    expect(await a.request("consume", { producerId: "x" })).toMatchObject({ ok: false, error: { code: "NOT_JOINED" } });
    await joinClient(a);
    expect(await a.request("join", { rtpCapabilities: {} })).toMatchObject({ ok: false, error: { code: "ALREADY_JOINED" } });
    expect(await a.request("consume", { producerId: "x" })).toMatchObject({ ok: false, error: { code: "NO_RECV_TRANSPORT" } });

    const b = await client(attendee("b"));
    await joinClient(b);
    const { transportId } = await b.ok("createTransport", { direction: "send" });
    const onOthers = await a.request("produce", { transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });
    expect(onOthers).toMatchObject({ ok: false, error: { code: "TRANSPORT_NOT_FOUND" } });
    const screen = await b.request("produce", { transportId, kind: "video", source: "screen", rtpParameters: vp8SimulcastParameters() });
    expect(screen).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await a.request("host:muteAll")).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await a.request("answerRollCall")).toMatchObject({ ok: false, error: { code: "NOT_A_BRIDGE_POINT" } });
  });

  it("forwards audio and simulcast video, picks layers, and closes everything a peer opened when it drops", async () => {
    const host = await client(hostClaims);
    const joined = await joinClient(host);
    expect(joined.room.peers.map((p) => p.userId)).toEqual(["host"]);
    const send = await host.ok("createTransport", { direction: "send" });
    await host.ok("createTransport", { direction: "recv" });
    const mic = await host.ok("produce", { transportId: send.transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });
    const cam = await host.ok("produce", {
      transportId: send.transportId,
      kind: "video",
      source: "camera",
      rtpParameters: vp8SimulcastParameters(),
    });

    const guest = await client(attendee("guest", { bridgePointId: "bp-1" }));
    const guestJoin = await joinClient(guest);
    expect(guestJoin.room.producers.map((p) => p.source).sort()).toEqual(["camera", "mic"]);
    const guestSend = await guest.ok("createTransport", { direction: "send" });
    await guest.ok("createTransport", { direction: "recv" });
    const guestMic = await guest.ok("produce", {
      transportId: guestSend.transportId,
      kind: "audio",
      source: "mic",
      rtpParameters: opusParameters(),
    });
    const video = await guest.ok("consume", { producerId: cam.producerId });
    expect(video).toMatchObject({ kind: "video", type: "simulcast", source: "camera", peerId: joined.peerId });
    await guest.ok("resumeConsumer", { consumerId: video.consumerId });
    await guest.ok("consume", { producerId: mic.producerId });
    expect(await guest.ok("setConsumerRenderedSize", { consumerId: video.consumerId, width: 320, height: 180 })).toEqual({ spatialLayer: 0 });
    expect(await guest.ok("setConsumerRenderedSize", { consumerId: video.consumerId, width: 1280, height: 720 })).toEqual({ spatialLayer: 2 });
    const guestPeer = server.rooms.find(room)!.peers.get(guestJoin.peerId)!;
    expect(guestPeer.consumers.get(video.consumerId)!.paused).toBe(false);
    await guest.ok("setAudioOnly", { enabled: true });
    expect(guestPeer.consumers.get(video.consumerId)!.paused).toBe(true);
    const restarted = await guest.ok("restartIce", { transportId: guestSend.transportId });
    expect(restarted.iceParameters.password).not.toBe(guestSend.iceParameters.password);
    await host.ok("consume", { producerId: guestMic.producerId });
    await waitFor(() => host.events.some((e) => e.event === "peerJoined"));

    expect(live).toEqual({ routers: 1, transports: 4, producers: 3, consumers: 3 });
    const router = server.rooms.find(room)!.router;

    guest.socket.disconnect(); // the guest's socket drops
    // The worker reports the closes one by one: wait for the last of them.
    await waitFor(() => live.transports === 2 && live.producers === 2 && live.consumers === 0);
    expect(live).toEqual({ routers: 1, transports: 2, producers: 2, consumers: 0 });
    await waitFor(() => host.events.some((e) => e.event === "peerLeft"));
    // The worker reports the consumer's close after the peer has left; the event follows over the socket.
    await waitFor(() => host.events.some((e) => e.event === "consumerClosed"));

    host.socket.disconnect();
    await waitFor(() => live.transports === 0);
    expect((await router.dump()).transportIds).toEqual([]);
    expect(live).toEqual({ routers: 1, transports: 0, producers: 0, consumers: 0 });
    // The empty room closes after its grace period, taking its router with it.
    await waitFor(() => live.routers === 0);
    expect(server.health()).toEqual({ ok: true, workers: 1, rooms: 0, pid: process.pid });
  });

  it("lets the host mute all, lock, remove, run a roll call and end the meeting", async () => {
    const host = await client(hostClaims);
    await joinClient(host);
    const bp = await client(attendee("bp-room", { bridgePointId: "bp-1", displayName: "Điểm cầu Việt Trì" }));
    const bpJoin = await joinClient(bp);
    const { transportId } = await bp.ok("createTransport", { direction: "send" });
    const { producerId } = await bp.ok("produce", { transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });

    expect(await host.ok("host:muteAll")).toEqual({ muted: 1 });
    await waitFor(() => bp.events.some((e) => e.event === "mutedByHost"));
    expect(server.rooms.find(room)!.peers.get(bpJoin.peerId)!.producers.get(producerId)!.paused).toBe(true);

    const started = await host.ok("host:startRollCall", { expectedBridgePointIds: ["bp-1", "bp-2"] });
    expect(started.rollCall.entries.map((e) => e.status)).toEqual(["PENDING", "PENDING"]);
    const answered = await bp.ok("answerRollCall");
    expect(answered.rollCall.entries[0]).toMatchObject({ bridgePointId: "bp-1", status: "PRESENT", displayName: "Điểm cầu Việt Trì" });
    const ended = await host.ok("host:endRollCall");
    expect(ended.rollCall.entries.map((e) => e.status)).toEqual(["PRESENT", "ABSENT"]);
    await waitFor(() => host.events.filter((e) => e.event === "rollCallUpdated").length === 3);

    await host.ok("host:lockRoom", { locked: true });
    const late = await client(attendee("late"));
    expect(await late.request("join", (await late.ok("getRouterRtpCapabilities")) as never)).toMatchObject({
      ok: false,
      error: { code: "ROOM_LOCKED" },
    });
    await host.ok("host:lockRoom", { locked: false });

    await host.ok("host:removePeer", { peerId: bpJoin.peerId });
    await waitFor(() => !bp.socket.connected);
    expect(bp.events.find((e) => e.event === "sessionEnded")?.data).toMatchObject({ reason: "REMOVED" });
    const again = await client(attendee("bp-room", { bridgePointId: "bp-1" }));
    const { rtpCapabilities } = await again.ok("getRouterRtpCapabilities");
    expect(await again.request("join", { rtpCapabilities })).toMatchObject({ ok: false, error: { code: "REMOVED" } });

    await host.ok("host:endMeeting");
    await waitFor(() => !host.socket.connected);
    expect(host.events.find((e) => e.event === "sessionEnded")?.data).toMatchObject({ reason: "ROOM_ENDED" });
    const after = await client(attendee("after"));
    expect(await after.request("getRouterRtpCapabilities")).toMatchObject({ ok: false, error: { code: "ROOM_ENDED" } });
    await waitFor(() => live.routers === 0);
  });

  it("keeps the scheduled host in charge: a host promoted in the room cannot remove, demote or lock them out", async () => {
    const host = await client(hostClaims);
    const hostJoin = await joinClient(host);
    const deputy = await client(attendee("deputy"));
    const deputyJoin = await joinClient(deputy);
    const promoted = await host.ok("host:setRole", { peerId: deputyJoin.peerId, role: "HOST" });
    expect(promoted.peer).toMatchObject({ role: "HOST", scheduledHost: false });
    expect(hostJoin.room.peers[0]).toMatchObject({ userId: "host", scheduledHost: true });

    expect(await deputy.request("host:removePeer", { peerId: hostJoin.peerId })).toMatchObject({ ok: false, error: { code: "HOST_PROTECTED" } });
    expect(await deputy.request("host:setRole", { peerId: hostJoin.peerId, role: "ATTENDEE" })).toMatchObject({
      ok: false,
      error: { code: "HOST_PROTECTED" },
    });
    expect(await deputy.request("host:endMeeting")).toMatchObject({ ok: false, error: { code: "SCHEDULED_HOST_ONLY" } });
    expect(host.socket.connected).toBe(true);
    expect(server.rooms.find(room)!.peers.get(hostJoin.peerId)!.role).toBe("HOST");

    // A lock the deputy sets keeps others out, never the scheduled host coming back.
    await deputy.ok("host:lockRoom", { locked: true });
    host.close();
    const back = await client(hostClaims);
    expect((await joinClient(back)).peerId).toBeTruthy();
    expect(await (await client(attendee("late"))).request("join", { rtpCapabilities: {} })).toMatchObject({ ok: false, error: { code: "ROOM_LOCKED" } });

    // The scheduled host still removes the deputy.
    await back.ok("host:removePeer", { peerId: deputyJoin.peerId });
    await waitFor(() => !deputy.socket.connected);
  });

  it("hands each peer its own short-lived TURN credential, at join, with each transport and at an ICE restart", async () => {
    const turn = await startMediaServer(testConfig({ ice: { urls: ["turn:127.0.0.1:3478"], turnSecret: "turn-shared-secret-for-tests", credentialTtlSeconds: 600 } }), {
      port: 0,
      log: () => {},
    });
    try {
      const a = await connectClient(turn.port, attendee("turn-a"), secret);
      const b = await connectClient(turn.port, attendee("turn-b"), secret);
      clients.push(a, b);
      const [joinedA, joinedB] = [await joinClient(a), await joinClient(b)];
      const [serverA] = joinedA.iceServers;
      expect(serverA).toMatchObject({ urls: ["turn:127.0.0.1:3478"], username: expect.stringMatching(new RegExp(`^\\d+:turn-a@${room}$`)) });
      const expiry = Number(serverA!.username!.split(":")[0]);
      expect(expiry - Date.now() / 1000).toBeGreaterThan(590);
      expect(expiry - Date.now() / 1000).toBeLessThanOrEqual(600);
      expect(joinedB.iceServers[0]!.credential).not.toBe(serverA!.credential);
      const transport = await a.ok("createTransport", { direction: "send" });
      expect(transport.iceServers[0]!.username).toMatch(/:turn-a@/);
      expect((await a.ok("restartIce", { transportId: transport.transportId })).iceServers[0]!.username).toMatch(/:turn-a@/);
    } finally {
      await turn.close();
    }
  });

  it("replaces an older session of the same user", async () => {
    const first = await client(attendee("same"));
    await joinClient(first);
    const second = await client(attendee("same"));
    await joinClient(second);
    await waitFor(() => !first.socket.connected);
    expect(first.events.find((e) => e.event === "sessionEnded")?.data).toMatchObject({ reason: "REPLACED" });
    expect(server.rooms.find(room)!.peers.size).toBe(1);
  });
});
