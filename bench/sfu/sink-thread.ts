/**
 * Runs in a worker thread so that reading tens of thousands of datagrams a second never delays the
 * main thread's talk with the mediasoup worker. Counts, per SSRC, the RTP packets and the highest
 * sequence number (extended past wrap-around); answers each message with a snapshot.
 */
import dgram from "node:dgram";
import { parentPort, workerData } from "node:worker_threads";

/** Large enough to ride out a scheduling hiccup at a few tens of thousands of packets a second. */
const RECV_BUFFER_BYTES = 4 * 1024 * 1024;

const { socketCount } = workerData as { socketCount: number };
const packets = new Map<number, number>();
const highestSeq = new Map<number, number>();

function count(packet: Buffer): void {
  if (packet.length < 12) return;
  // RTCP (packet types 192–223 in the second byte, RFC 5761) may share the port with RTP.
  const secondByte = packet[1]!;
  if (secondByte >= 192 && secondByte <= 223) return;
  const ssrc = packet.readUInt32BE(8);
  const seq = packet.readUInt16BE(2);
  const highest = highestSeq.get(ssrc);
  packets.set(ssrc, (packets.get(ssrc) ?? 0) + 1);
  if (highest === undefined) {
    highestSeq.set(ssrc, seq);
    return;
  }
  const ahead = (seq - (highest & 0xffff) + 0x10000) & 0xffff;
  // Less than half the number space ahead is new; the rest is a late (reordered) packet.
  if (ahead > 0 && ahead < 0x8000) highestSeq.set(ssrc, highest + ahead);
}

const ports: number[] = [];
for (let i = 0; i < socketCount; i++) {
  const socket = dgram.createSocket({ type: "udp4", recvBufferSize: RECV_BUFFER_BYTES });
  socket.on("message", count);
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  ports.push(socket.address().port);
}
parentPort!.postMessage({ ports });
parentPort!.on("message", () => {
  parentPort!.postMessage({ tallies: [...packets].map(([ssrc, n]) => [ssrc, n, highestSeq.get(ssrc)!]) });
});
