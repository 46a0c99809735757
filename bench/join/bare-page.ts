/**
 * The bare baseline's browser side, bundled by esbuild: the least a page can do to join a mediasoup
 * Router with mediasoup-client over a bare WebSocket. `?role=send` publishes the fake camera;
 * otherwise the "Tham gia" button joins and records the time to the first decoded remote frame.
 */
import { Device, types } from "mediasoup-client";
import type { TBareReply, TBareRequest } from "./bare-protocol";

declare global {
  interface Window {
    benchJoinMs?: number;
    benchError?: string;
    benchSending?: boolean;
  }
}

function connect(): Promise<(method: string, data?: unknown) => Promise<unknown>> {
  const socket = new WebSocket(`ws://${location.host}/ws`);
  const pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  socket.onmessage = (event) => {
    const reply = JSON.parse(String(event.data)) as TBareReply;
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiter?.resolve(reply.data);
    else waiter?.reject(new Error(reply.error));
  };
  const request = (method: string, data?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, data } satisfies TBareRequest));
    });
  return new Promise((resolve, reject) => {
    socket.onopen = () => resolve(request);
    socket.onerror = () => reject(new Error("WebSocket failed"));
  });
}

type TTransportInfo = types.TransportOptions;

async function openTransport(direction: "send" | "recv") {
  const request = await connect();
  const device = new Device();
  await device.load({ routerRtpCapabilities: (await request("rtpCapabilities")) as types.RtpCapabilities });
  const info = (await request("createTransport")) as TTransportInfo;
  const transport = direction === "send" ? device.createSendTransport(info) : device.createRecvTransport(info);
  transport.on("connect", ({ dtlsParameters }, done, fail) => {
    request("connect", { transportId: transport.id, dtlsParameters }).then(() => done(), fail);
  });
  return { request, device, transport };
}

async function send(): Promise<void> {
  const { request, transport } = await openTransport("send");
  transport.on("produce", ({ kind, rtpParameters }, done, fail) => {
    request("produce", { transportId: transport.id, kind, rtpParameters }).then((id) => done({ id: id as string }), fail);
  });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 180, frameRate: 15 } });
  await transport.produce({ track: stream.getVideoTracks()[0]! });
  window.benchSending = true;
}

async function join(): Promise<void> {
  const started = performance.now();
  const { request, device, transport } = await openTransport("recv");
  const producerIds = (await request("producers")) as string[];
  const video = document.createElement("video");
  video.muted = true;
  video.playsInline = true;
  document.body.append(video);
  video.requestVideoFrameCallback(() => {
    window.benchJoinMs = performance.now() - started;
  });
  for (const producerId of producerIds) {
    const params = (await request("consume", {
      transportId: transport.id,
      producerId,
      rtpCapabilities: device.rtpCapabilities,
    })) as types.ConsumerOptions;
    const consumer = await transport.consume(params);
    await request("resume", { consumerId: consumer.id });
    video.srcObject = new MediaStream([consumer.track]);
    await video.play();
  }
}

const fail = (error: unknown) => {
  window.benchError = error instanceof Error ? error.message : String(error);
};
if (new URLSearchParams(location.search).get("role") === "send") send().catch(fail);
else document.querySelector("button")!.addEventListener("click", () => join().catch(fail), { once: true });
