import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ZAttendanceBatchSchema, type TAttendanceReport } from "@diemcau/protocol";
import { AttendanceReporter } from "./attendance-reporter";
import { DEFAULT_ROOM_LIMITS } from "./config";
import { Rooms } from "./Rooms";
import { isSignedBy } from "./test-signed-request";
import { WorkerPool } from "./WorkerPool";

const SECRET = "attendance-reporter-test-secret-0123456789";
const channel = { notify() {}, disconnect() {} };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => resolve(body));
  });
}

/** A stand-in for web's internal endpoint: checks the signature and the schema like web does. */
function startWeb(port: number, received: TAttendanceReport[]): Promise<Server> {
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.url !== "/api/internal/attendance" || !(await isSignedBy(req, body, SECRET))) {
      res.writeHead(401).end();
      return;
    }
    received.push(...ZAttendanceBatchSchema.parse(JSON.parse(body)).reports);
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("AttendanceReporter with real rooms", () => {
  let pool: WorkerPool;
  let web: Server | undefined;

  beforeEach(async () => {
    pool = await WorkerPool.create({ numWorkers: 1, rtcMinPort: 40000, rtcMaxPort: 49999 });
  });

  afterEach(async () => {
    pool.close();
    if (web) await new Promise((resolve) => web!.close(resolve));
    web = undefined;
  });

  it("queues while web is down, then delivers signed joins and leaves, including those of a closed room", async () => {
    const port = await freePort();
    const reporter = new AttendanceReporter({
      webUrl: `http://127.0.0.1:${port}`,
      secret: SECRET,
      log: () => {},
      minDelayMs: 50,
      maxDelayMs: 200,
      batchDelayMs: 10,
    });
    const rooms = new Rooms({ pool, listenIp: { ip: "127.0.0.1" }, ice: { urls: [], credentialTtlSeconds: 3600 }, emptyGraceMs: 60_000, limits: DEFAULT_ROOM_LIMITS, attendance: reporter });
    const room = await rooms.get("event-1");
    const rtpCapabilities = room.router.rtpCapabilities;

    const host = room.join({ room: "event-1", userId: "u-host", displayName: "Trần Thị Lan", role: "HOST" }, rtpCapabilities, false, channel);
    room.join(
      { room: "event-1", userId: "u-dh", displayName: "Điểm cầu Đông Hà", role: "ATTENDEE", bridgePointId: "bp-1" },
      rtpCapabilities,
      false,
      channel,
    );
    room.leave(host);
    await new Promise((resolve) => setTimeout(resolve, 150)); // several failed attempts: nobody listens yet
    expect(reporter.pending).toBe(3);

    const received: TAttendanceReport[] = [];
    web = await startWeb(port, received);
    await waitFor(() => received.length === 3);
    room.close("ended");
    await waitFor(() => received.length === 4);

    expect(received.map((r) => [r.type, r.peerId === host.id])).toEqual([
      ["join", true],
      ["join", false],
      ["leave", true],
      ["leave", false],
    ]);
    expect(received[1]).toMatchObject({ room: "event-1", userId: "u-dh", bridgePointId: "bp-1", role: "ATTENDEE" });
    // The stand-in records a batch before it answers; the reporter drops it from its queue after.
    await waitFor(() => reporter.pending === 0);
    await reporter.close();
  });

  it("reports the removal of someone an invite admitted, bound to that invite and their id", async () => {
    const port = await freePort();
    const received: TAttendanceReport[] = [];
    web = await startWeb(port, received);
    const reporter = new AttendanceReporter({ webUrl: `http://127.0.0.1:${port}`, secret: SECRET, log: () => {}, batchDelayMs: 10 });
    const rooms = new Rooms({ pool, listenIp: { ip: "127.0.0.1" }, ice: { urls: [], credentialTtlSeconds: 3600 }, emptyGraceMs: 60_000, limits: DEFAULT_ROOM_LIMITS, attendance: reporter });
    const room = await rooms.get("event-3");
    const caps = room.router.rtpCapabilities;
    const host = room.join({ room: "event-3", userId: "u-host", displayName: "Chủ trì", role: "HOST" }, caps, false, channel);
    const guest = room.join({ room: "event-3", userId: "guest:g-1", displayName: "Khách", role: "ATTENDEE", inviteId: "inv-1" }, caps, false, channel);
    const member = room.join({ room: "event-3", userId: "u-member", displayName: "Thành viên", role: "ATTENDEE" }, caps, false, channel);
    room.removePeer(host, guest);
    room.removePeer(host, member);
    await waitFor(() => received.filter((r) => r.type === "leave").length === 2);
    // A member on the event's list stays out for the room's life only; the schedule decides the rest.
    expect(received.filter((r) => r.type === "removed")).toEqual([
      { type: "removed", peerId: guest.id, room: "event-3", userId: "guest:g-1", inviteId: "inv-1", at: expect.any(String) },
    ]);
    room.close("shutdown");
    await reporter.close();
  });

  it("drops a batch web refuses as malformed instead of retrying it forever", async () => {
    const port = await freePort();
    let requests = 0;
    web = createServer((_req, res) => {
      requests++;
      res.writeHead(400).end();
    });
    await new Promise<void>((resolve) => web!.listen(port, "127.0.0.1", resolve));
    const reporter = new AttendanceReporter({ webUrl: `http://127.0.0.1:${port}`, secret: SECRET, log: () => {}, batchDelayMs: 10 });
    const rooms = new Rooms({ pool, listenIp: { ip: "127.0.0.1" }, ice: { urls: [], credentialTtlSeconds: 3600 }, emptyGraceMs: 60_000, limits: DEFAULT_ROOM_LIMITS, attendance: reporter });
    const room = await rooms.get("event-2");
    room.join({ room: "event-2", userId: "u1", displayName: "A", role: "ATTENDEE" }, room.router.rtpCapabilities, false, channel);
    await waitFor(() => requests === 1 && reporter.pending === 0);
    room.close("shutdown");
    await reporter.close();
  });
});
