/**
 * One media-server node for the multi-node tests, run inside its own network namespace: the real
 * startMediaServer from env, plus a control line protocol on stdin/stdout for what a browser would
 * do but a test cannot (RTP over plain transports, which signaling then uses like WebRTC ones) and
 * for looking inside (pipes, home, consumer stats). Replies are stdout lines starting with "@@ ".
 */
import { createInterface } from "node:readline";
import { z } from "zod";
import { loadConfig } from "../../config";
import { startMediaServer } from "../../server";

const ZCommandSchema = z.discriminatedUnion("op", [
  z.object({ id: z.number(), op: z.literal("plainSend"), roomId: z.string(), peerId: z.string() }),
  z.object({ id: z.number(), op: z.literal("plainRecv"), roomId: z.string(), peerId: z.string(), ip: z.string(), port: z.number() }),
  z.object({ id: z.number(), op: z.literal("inspect"), roomId: z.string() }),
]);

const config = loadConfig();
const server = await startMediaServer(config, { host: config.listenIp.ip, log: (message) => console.error(`[${config.cluster?.nodeId}] ${message}`) });
const ip = config.listenIp.ip;

async function run(command: z.infer<typeof ZCommandSchema>): Promise<unknown> {
  const room = server.rooms.find(command.roomId);
  if (!room) throw new Error(`no room ${command.roomId} on this node`);
  switch (command.op) {
    case "plainSend": {
      const transport = await room.createPlainTransport(room.peer(command.peerId), "send", { listenIp: ip, rtcpMux: false, comedia: true });
      return { transportId: transport.id, ip, rtpPort: transport.tuple.localPort, rtcpPort: transport.rtcpTuple?.localPort };
    }
    case "plainRecv": {
      const transport = await room.createPlainTransport(room.peer(command.peerId), "recv", { listenIp: ip, rtcpMux: true, comedia: false });
      await transport.connect({ ip: command.ip, port: command.port });
      return { transportId: transport.id };
    }
    case "inspect": {
      const consumers = await Promise.all(
        [...room.peers.values()].flatMap((peer) =>
          [...peer.consumers.values()].map(async (consumer) => ({
            peerId: peer.id,
            producerId: consumer.producerId,
            packets: (await consumer.getStats()).reduce((sum, s) => sum + (s.type === "outbound-rtp" ? s.packetCount : 0), 0),
          })),
        ),
      );
      const recorded = await Promise.all(
        room.recordedProducers().map(async ({ producer, peerId }) => ({
          producerId: producer.id,
          peerId,
          packets: (await producer.getStats()).reduce((sum, s) => sum + s.packetCount, 0),
        })),
      );
      return {
        home: server.cluster ? server.cluster.homeOf(room) : null,
        pipes: server.cluster?.pipeCount ?? 0,
        localPeers: [...room.peers.keys()],
        state: room.state(),
        consumers,
        recorded,
        recording: room.recording,
      };
    }
  }
}

const reply = (message: unknown) => process.stdout.write(`@@ ${JSON.stringify(message)}\n`);
createInterface({ input: process.stdin }).on("line", (line) => {
  const parsed = ZCommandSchema.safeParse(JSON.parse(line));
  if (!parsed.success) return reply({ id: -1, error: parsed.error.message });
  run(parsed.data).then(
    (data) => reply({ id: parsed.data.id, data }),
    (error: Error) => reply({ id: parsed.data.id, error: error.message }),
  );
});
reply({ id: 0, data: { ready: true, port: server.port } });
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
