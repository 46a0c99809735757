import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { types } from "mediasoup";
import { WorkerPool } from "./WorkerPool";

const mediaCodecs: types.RtpCodecCapability[] = [
  { kind: "audio", mimeType: "audio/opus", clockRate: 48000, channels: 2 },
  { kind: "video", mimeType: "video/VP8", clockRate: 90000 },
];

describe("WorkerPool with a real mediasoup worker", () => {
  let pool: WorkerPool;
  let router: types.Router;

  beforeEach(async () => {
    pool = await WorkerPool.create({ numWorkers: 2, rtcMinPort: 40000, rtcMaxPort: 49999 });
    router = await pool.createRouter({ mediaCodecs });
  });

  afterEach(() => {
    pool.close();
  });

  it("starts workers and a router that routes opus and VP8", () => {
    expect(pool.liveWorkerCount).toBe(2);
    expect(pool.routerCount).toBe(1);
    const mimeTypes = router.rtpCapabilities.codecs?.map((codec) => codec.mimeType);
    expect(mimeTypes).toEqual(expect.arrayContaining(["audio/opus", "video/VP8"]));
  });

  it("places the next router on the least-loaded worker", async () => {
    await router.createWebRtcTransport({ listenIps: [{ ip: "127.0.0.1" }] });
    await pool.createRouter({ mediaCodecs });
    expect([...pool.loads()].sort()).toEqual([1, 2]);
  });

  it("closes the router and workers on close", async () => {
    const workers = pool.workers;
    const routerClosed = new Promise<void>((resolve) => router.observer.once("close", resolve));
    pool.close();
    await routerClosed;
    expect(router.closed).toBe(true);
    expect(workers.every((worker) => worker.closed)).toBe(true);
  });

  it("replaces a worker that dies", async () => {
    const [victim] = pool.workers;
    process.kill(victim!.pid, "SIGKILL");
    await new Promise((resolve) => victim!.once("died", resolve));
    expect(router.closed).toBe(true);
    await expect.poll(() => pool.liveWorkerCount, { timeout: 10_000 }).toBe(2);
  });
});
