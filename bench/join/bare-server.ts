import http from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import * as mediasoup from "mediasoup";
import type { types } from "mediasoup";
import { WebSocketServer } from "ws";
import { ROOM_MEDIA_CODECS } from "../../media-server/src/Room";
import type { TBareReply, TBareRequest } from "./bare-protocol";

const PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Bare baseline</title>
<button>Tham gia</button><script type="module" src="/page.js"></script></html>`;

/**
 * The bare baseline's server: one mediasoup Router with our rooms' codecs, a page and its bundle
 * over HTTP, and a WebSocket that maps each request straight onto a mediasoup call, with none of
 * our signaling (no tokens, no validation, no room state).
 */
export async function startBareServer(rtcPorts: { min: number; max: number }) {
  const bundle = await build({
    entryPoints: [new URL("./bare-page.ts", import.meta.url).pathname],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
  });
  const script = bundle.outputFiles[0]!.text;
  const worker = await mediasoup.createWorker({ logLevel: "warn", rtcMinPort: rtcPorts.min, rtcMaxPort: rtcPorts.max });
  const router = await worker.createRouter({ mediaCodecs: ROOM_MEDIA_CODECS });
  const producers = new Map<string, types.Producer>();

  const server = http.createServer((req, res) => {
    if (req.url?.startsWith("/page.js")) res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    else res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
  });
  const wss = new WebSocketServer({ server, path: "/ws" });
  wss.on("connection", (socket) => {
    const transports = new Map<string, types.WebRtcTransport>();
    const consumers = new Map<string, types.Consumer>();
    const handle = async (method: string, data: Record<string, unknown>): Promise<unknown> => {
      switch (method) {
        case "rtpCapabilities":
          return router.rtpCapabilities;
        case "createTransport": {
          const transport = await router.createWebRtcTransport({ listenIps: [{ ip: "127.0.0.1" }], enableUdp: true, preferUdp: true });
          transports.set(transport.id, transport);
          const { id, iceParameters, iceCandidates, dtlsParameters } = transport;
          return { id, iceParameters, iceCandidates, dtlsParameters };
        }
        case "connect":
          return transports.get(data.transportId as string)!.connect({ dtlsParameters: data.dtlsParameters as types.DtlsParameters });
        case "produce": {
          const producer = await transports.get(data.transportId as string)!.produce({
            kind: data.kind as types.MediaKind,
            rtpParameters: data.rtpParameters as types.RtpParameters,
          });
          producers.set(producer.id, producer);
          producer.observer.once("close", () => producers.delete(producer.id));
          return producer.id;
        }
        case "producers":
          return [...producers.keys()];
        case "consume": {
          const consumer = await transports.get(data.transportId as string)!.consume({
            producerId: data.producerId as string,
            rtpCapabilities: data.rtpCapabilities as types.RtpCapabilities,
            paused: true,
          });
          consumers.set(consumer.id, consumer);
          const { id, producerId, kind, rtpParameters } = consumer;
          return { id, producerId, kind, rtpParameters };
        }
        case "resume":
          return consumers.get(data.consumerId as string)!.resume();
        default:
          throw new Error(`unknown method ${method}`);
      }
    };
    socket.on("message", (raw) => {
      const { id, method, data } = JSON.parse(String(raw)) as TBareRequest;
      handle(method, (data ?? {}) as Record<string, unknown>).then(
        (result) => socket.send(JSON.stringify({ id, ok: true, data: result ?? null } satisfies TBareReply)),
        (error: Error) => socket.send(JSON.stringify({ id, ok: false, error: error.message } satisfies TBareReply)),
      );
    });
    socket.on("close", () => {
      for (const transport of transports.values()) transport.close();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      worker.close();
    },
  };
}
