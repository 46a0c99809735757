import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TJoinTokenClaims } from "@diemcau/protocol";
import { RtpSink, senderParameters, startRtpSender } from "./cluster/testing/rtp-test-media";
import { DEFAULT_ROOM_LIMITS } from "./config";
import type { Peer, TPeerChannel } from "./Peer";
import type { Room } from "./Room";
import { Rooms } from "./Rooms";
import { waitFor } from "./test-client";
import { WorkerPool } from "./WorkerPool";

const LOOPBACK = "127.0.0.1";
const SILENT: TPeerChannel = { notify: () => {}, disconnect: () => {} };

let pool: WorkerPool;
let rooms: Rooms;
let room: Room;
const senders: ChildProcess[] = [];
const sinks: RtpSink[] = [];

beforeAll(async () => {
  pool = await WorkerPool.create({ numWorkers: 2, rtcMinPort: 47000, rtcMaxPort: 47999 });
  // One transport fills a core: the second peer goes to the room's router on the other core.
  rooms = new Rooms({ pool, listenIp: { ip: LOOPBACK }, ice: { urls: [], credentialTtlSeconds: 3600 }, emptyGraceMs: 60_000, limits: DEFAULT_ROOM_LIMITS, coreCapacity: 1 });
  room = await rooms.get("room-on-two-cores");
});

afterAll(() => {
  for (const sender of senders) sender.kill("SIGKILL");
  for (const sink of sinks) sink.close();
  rooms.closeAll();
  pool.close();
});

function join(userId: string, role: TJoinTokenClaims["role"] = "PRESENTER"): Peer {
  return room.join({ room: room.id, userId, displayName: userId, role }, room.router.rtpCapabilities, false, SILENT);
}

async function publish(peer: Peer, index: number): Promise<string[]> {
  const params = senderParameters(index);
  const ingest = async () => {
    const transport = await room.createPlainTransport(peer, "send", { listenIp: LOOPBACK, rtcpMux: false, comedia: true });
    return { transport, ports: { ip: LOOPBACK, rtpPort: transport.tuple.localPort, rtcpPort: transport.rtcpTuple!.localPort } };
  };
  const audio = await ingest();
  const video = await ingest();
  const ids = [
    (await room.produce(peer, audio.transport.id, "audio", "mic", params.audio)).producerId,
    (await room.produce(peer, video.transport.id, "video", "camera", params.video)).producerId,
  ];
  senders.push(startRtpSender(index, audio.ports, video.ports));
  return ids;
}

describe("a room over the cores of one node", () => {
  it("puts peers past a full core on another core's router and pipes producers between them once", async () => {
    const sender = join("sender");
    const producerIds = await publish(sender, 7);
    const viewer = join("viewer", "ATTENDEE");
    const sink = await RtpSink.open(LOOPBACK);
    sinks.push(sink);
    const recv = await room.createPlainTransport(viewer, "recv", { listenIp: LOOPBACK, rtcpMux: true, comedia: false });
    await recv.connect({ ip: LOOPBACK, port: sink.port });
    // The room has a router on each core, and each core carries transports of it.
    expect(pool.routerCount).toBe(2);
    expect(pool.loads().every((load) => load >= 2)).toBe(true);

    const ssrcs: number[] = [];
    for (const producerId of producerIds) {
      const consumed = await room.consume(viewer, producerId);
      await room.setConsumerPaused(viewer, consumed.consumerId, false);
      ssrcs.push(consumed.rtpParameters.encodings![0]!.ssrc!);
    }
    await waitFor(() => ssrcs.every((ssrc) => sink.count(ssrc) > 20), 10_000);

    // A producer on the second core reaches the main router too, where the recorder consumes.
    const second = join("second-sender");
    const secondIds = await publish(second, 8);
    const recorded = room.recordedProducers().map((r) => r.producer.id);
    expect(recorded).toEqual(expect.arrayContaining([...producerIds, ...secondIds]));
    expect(secondIds.every((id) => room.router.canConsume({ producerId: id, rtpCapabilities: room.router.rtpCapabilities }))).toBe(true);
  });
});
