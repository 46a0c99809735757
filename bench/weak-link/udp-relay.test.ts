import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { measureRelay } from "./measure-relay";
import { transportPortsIn } from "./transport-ports";
import { CLEAR, IP_UDP_HEADER_BYTES, Link, UdpRelay } from "./udp-relay";

/** A seeded generator (mulberry32), so the loss drawn in a run is the same in every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/*
 * The relay's figures are trusted by the weak-link benchmark only because these hold. Bounds a
 * busy machine cannot break are tight (nothing arrives before its delay, nothing faster than the
 * rate); the others leave room for late timers on a loaded machine (SLACK_MS), yet still catch a
 * delay applied twice or a queue that is not bounded.
 */
const SLACK_MS = 100;
const TIMEOUT_MS = 30_000;
describe("UdpRelay", () => {
  it("delays each direction by its delay plus at most its jitter, and loses its share of datagrams", async () => {
    const up = { ...CLEAR, delayMs: 150, jitterMs: 20, loss: 0.03 };
    const down = { ...CLEAR, delayMs: 100, jitterMs: 0, loss: 0.1 };
    const figures = await measureRelay({ up, down, packetBytes: 200, packetsPerSecond: 400, durationMs: 2500, random: seeded(12) });

    expect(figures.up.delayMinMs).toBeGreaterThanOrEqual(150);
    expect(figures.up.delayMedianMs).toBeLessThan(150 + 20 + SLACK_MS);
    expect(figures.down.delayMinMs).toBeGreaterThanOrEqual(100);
    expect(figures.down.delayMedianMs).toBeLessThan(100 + SLACK_MS);
    // 1000 datagrams: 4 standard deviations either side of the setting.
    expect(figures.up.lossRatio).toBeGreaterThan(0.03 - 4 * Math.sqrt((0.03 * 0.97) / 1000));
    expect(figures.up.lossRatio).toBeLessThan(0.03 + 4 * Math.sqrt((0.03 * 0.97) / 1000));
    expect(figures.down.lossRatio).toBeGreaterThan(0.1 - 4 * Math.sqrt((0.1 * 0.9) / 970));
    expect(figures.down.lossRatio).toBeLessThan(0.1 + 4 * Math.sqrt((0.1 * 0.9) / 970));
  }, TIMEOUT_MS);

  it("sends no faster than its rate, and drops what does not fit its queue instead of delaying it without end", async () => {
    const down = { ...CLEAR, rateKbps: 200, queueBytes: 12_000 };
    // 400 kbit/s offered to a 200 kbit/s link for 3 s.
    const figures = await measureRelay({ up: CLEAR, down, packetBytes: 1000, packetsPerSecond: 50, durationMs: 3000 });

    expect(figures.up.lossRatio).toBe(0);
    // The rate counts IP and UDP headers; the measured throughput is of the datagrams' payload.
    const payloadKbps = (200 * 1000) / (1000 + IP_UDP_HEADER_BYTES);
    expect(figures.down.throughputKbps).toBeLessThanOrEqual(payloadKbps * 1.01);
    expect(figures.down.throughputKbps).toBeGreaterThan(payloadKbps * 0.9);
    // About half is dropped at the full queue, and nothing waits much longer than a full queue and
    // the datagram itself take to send (plus room for a late timer).
    expect(figures.down.lossRatio).toBeGreaterThan(0.35);
    expect(figures.down.delayMaxMs).toBeLessThan(((12_000 + 1000 + IP_UDP_HEADER_BYTES) * 8) / 200 + SLACK_MS);
  }, TIMEOUT_MS);

  it("puts a flow to a pinned port on the pinned link, whichever link is current when it starts", async () => {
    const server = dgram.createSocket("udp4");
    const client = dgram.createSocket("udp4");
    server.on("message", (message, from) => server.send(message, from.port, from.address));
    server.bind(0, "127.0.0.1");
    await once(server, "listening");
    client.bind(0, "127.0.0.1");
    await once(client, "listening");
    const port = (server.address() as AddressInfo).port;
    const host = new Link("host");
    const student = new Link("student");
    const relay = await UdpRelay.start({ listenHost: "127.0.0.2", targetHost: "127.0.0.1", ports: [port] }, student);
    try {
      relay.pin(port, host);
      const echoed = once(client, "message");
      client.send(Buffer.from("hello"), port, "127.0.0.2");
      await echoed;
      expect(relay.flowsOn(host)).toBe(1);
      expect(relay.flowsOn(student)).toBe(0);
      expect(host.up.counters.delivered).toBe(1);
      expect(host.down.counters.delivered).toBe(1);
      expect(student.down.counters.packets).toBe(0);
    } finally {
      relay.close();
      server.close();
      client.close();
    }
  });
});

describe("transportPortsIn", () => {
  it("reads the UDP ports of the ICE candidates in a signaling answer, and nothing from other packets", () => {
    const answer = {
      ok: true,
      data: {
        transportId: "t1",
        iceCandidates: [
          { foundation: "udpcandidate", ip: "127.0.0.2", port: 47290, priority: 1076302079, protocol: "udp", type: "host" },
          { foundation: "tcpcandidate", ip: "127.0.0.2", port: 47291, priority: 1076276479, protocol: "tcp", type: "host", tcpType: "passive" },
        ],
      },
    };
    expect(transportPortsIn(`4312${JSON.stringify([answer])}`)).toEqual([47290]);
    expect(transportPortsIn(`42${JSON.stringify(["peerJoined", { peer: { peerId: "p", port: 1 } }])}`)).toEqual([]);
    expect(transportPortsIn("3")).toEqual([]);
    expect(transportPortsIn("43[not json")).toEqual([]);
  });
});
