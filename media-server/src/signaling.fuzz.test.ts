import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signalingRequests, ZAckSchema, ZSignalingErrorSchema, type TSignalingRequestName } from "@diemcau/protocol";
import { fuzzedNames as names, fuzzer, prng } from "./signaling-fuzzer";
import { startMediaServer, type TMediaServer } from "./server";
import { connectClient, joinClient, opusParameters, type TTestClient } from "./test-client";
import { testConfig } from "./test-config";

describe("protocol fuzzing over a real socket.io connection", () => {
  let server: TMediaServer;
  const clients: TTestClient[] = [];

  beforeAll(async () => {
    server = await startMediaServer(testConfig(), {
      port: 0,
      log: () => {},
      rateLimit: { burst: 100_000, perSecond: 100_000, rejectionsBeforeDisconnect: 100 },
    });
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  it("answers thousands of random and malformed messages with typed acks and keeps serving", async () => {
    const random = prng(20240611);
    const secret = testConfig().mediaSecret;
    const host = await connectClient(server.port, { room: "fuzz", userId: "h", displayName: "Host", role: "HOST" }, secret);
    const fuzz = await connectClient(server.port, { room: "fuzz", userId: "f", displayName: "Fuzz", role: "PRESENTER", bridgePointId: "bp" }, secret);
    const stranger = await connectClient(server.port, { room: "fuzz", userId: "s", displayName: "Not joined", role: "ATTENDEE" }, secret);
    clients.push(host, fuzz, stranger);
    await joinClient(host);
    const hostSend = await host.ok("createTransport", { direction: "send" });
    const hostMic = await host.ok("produce", { transportId: hostSend.transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });
    await joinClient(fuzz);

    // Real ids make the fuzzer reach deeper than "not found": its own transports, the host's producer.
    const known = new Set<string>([hostMic.producerId, hostSend.transportId]);
    const ids = () => [...known];
    const { pick, payload, scalar } = fuzzer(random, ids);
    const codes = new Map<string, number>();
    let sent = 0;

    for (let round = 0; round < 60; round++) {
      const batch = Array.from({ length: 50 }, async () => {
        const client = random() < 0.85 ? fuzz : stranger;
        const roll = random();
        const name = roll < 0.85 ? pick(names) : pick(["", "nope", "__proto__", "toString", "host:", "join ", "constructor"]);
        const caps = server.rooms.find("fuzz")?.router.rtpCapabilities;
        const args = roll < 0.95 ? [payload(name, caps)] : random() < 0.5 ? [] : [payload(name, caps), scalar()];
        sent++;
        const ack: unknown = await client.socket.timeout(10_000).emitWithAck(name, ...args);
        const schema = Object.hasOwn(signalingRequests, name)
          ? ZAckSchema(signalingRequests[name as TSignalingRequestName].response)
          : ZAckSchema(ZSignalingErrorSchema);
        const parsed = schema.parse(ack);
        if (parsed.ok) {
          for (const v of Object.values(parsed.data as Record<string, unknown>)) if (typeof v === "string") known.add(v);
          codes.set("ok", (codes.get("ok") ?? 0) + 1);
        } else codes.set(parsed.error.code, (codes.get(parsed.error.code) ?? 0) + 1);
      });
      await Promise.all(batch);
      // The fuzzer may have left (via "leave"); join again so it keeps exercising joined paths.
      if (!server.rooms.find("fuzz")?.peers.size || random() < 0.1) await fuzz.request("join", { rtpCapabilities: server.rooms.find("fuzz")!.router.rtpCapabilities as never });
    }
    // Fire-and-forget messages without an ack callback must not break anything either.
    for (let i = 0; i < 200; i++) {
      const name = pick(names);
      fuzz.socket.emit(name, payload(name, undefined));
    }

    expect(sent).toBe(3000);
    for (const code of ["BAD_REQUEST", "UNKNOWN_REQUEST", "NOT_JOINED", "PAYLOAD_TOO_LARGE", "ok"]) expect(codes.get(code)).toBeGreaterThan(0);
    expect(codes.get("INTERNAL") ?? 0).toBe(0);

    // Still serving: workers alive, and a fresh client can join and publish.
    expect(server.health()).toMatchObject({ ok: true, workers: 1 });
    expect(fuzz.socket.connected).toBe(true);
    const fresh = await connectClient(server.port, { room: "fuzz-2", userId: "n", displayName: "New", role: "ATTENDEE" }, secret);
    clients.push(fresh);
    await joinClient(fresh);
    const { transportId } = await fresh.ok("createTransport", { direction: "send" });
    await fresh.ok("produce", { transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });
  });

  it("refuses a flood with RATE_LIMITED and then disconnects the client", async () => {
    const limited = await startMediaServer(testConfig(), { port: 0, log: () => {}, rateLimit: { burst: 20, perSecond: 5, rejectionsBeforeDisconnect: 30 } });
    try {
      const flooder = await connectClient(limited.port, { room: "flood", userId: "x", displayName: "X", role: "ATTENDEE" }, testConfig().mediaSecret);
      const acks = await Promise.all(
        Array.from({ length: 80 }, () => flooder.socket.timeout(5000).emitWithAck("raiseHand", { raised: true }).catch(() => null)),
      );
      const codes = acks.map((ack) => (ack === null ? "none" : ack.ok ? "ok" : ack.error.code));
      expect(codes.filter((c) => c === "NOT_JOINED").length).toBe(20);
      expect(codes).toContain("RATE_LIMITED");
      await expect.poll(() => flooder.socket.connected).toBe(false);
      expect(flooder.events.find((e) => e.event === "sessionEnded")?.data).toMatchObject({ reason: "RATE_LIMITED" });
      expect(limited.health().ok).toBe(true);
    } finally {
      await limited.close();
    }
  });
});
