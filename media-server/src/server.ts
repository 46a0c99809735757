import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import { Server as SocketServer } from "socket.io";
import { MemoryNonceStore, type TMediaServerHealth } from "@diemcau/protocol";
import { AttendanceReporter } from "./attendance-reporter";
import { MediaCluster } from "./cluster/MediaCluster";
import type { TMediaServerConfig } from "./config";
import { PortInUseError, RedisUnavailableError } from "./errors";
import { Recorders } from "./Recorders";
import { RecordingReporter } from "./recording-reporter";
import { handleHttp } from "./http-health";
import type { TRateLimit } from "./RateLimiter";
import { Rooms } from "./Rooms";
import { attachSignaling } from "./signaling";
import { WorkerPool } from "./WorkerPool";

export type TMediaServer = {
  port: number;
  httpServer: HttpServer;
  io: SocketServer;
  pool: WorkerPool;
  rooms: Rooms;
  attendance: AttendanceReporter;
  recorders: Recorders;
  recordingReporter: RecordingReporter;
  /** With REDIS_URL: this node among the others. */
  cluster: MediaCluster | null;
  health(): TMediaServerHealth;
  close(): Promise<void>;
};

export type TStartOptions = {
  /** Overrides config.port; 0 picks a free port (tests). */
  port?: number;
  host?: string;
  log?: (message: string) => void;
  rateLimit?: TRateLimit;
};

/**
 * Starts the workers, the HTTP server (GET /health) and socket.io on the same port.
 * Fails with PortInUseError or RedisUnavailableError instead of leaving half-started resources.
 */
export async function startMediaServer(config: TMediaServerConfig, options: TStartOptions = {}): Promise<TMediaServer> {
  const log = options.log ?? ((message: string) => console.log(`[media-server] ${message}`));
  const pool = await WorkerPool.create({
    numWorkers: config.numWorkers,
    rtcMinPort: config.rtcMinPort,
    rtcMaxPort: config.rtcMaxPort,
    log,
  });
  const attendance = new AttendanceReporter({ webUrl: config.webUrl, secret: config.mediaSecret, log });
  const recordingReporter = new RecordingReporter({ webUrl: config.webInternalUrl, secret: config.mediaSecret, log });
  const recorders = new Recorders({
    storageDir: config.storageDir,
    ffmpegPath: config.recording.ffmpegPath,
    width: config.recording.width,
    height: config.recording.height,
    report: recordingReporter.report,
    log,
  });
  await recorders.killOrphans();
  const rooms = new Rooms({
    recorders,
    pool,
    listenIp: config.listenIp,
    ice: config.ice,
    emptyGraceMs: config.emptyRoomGraceMs,
    coreCapacity: config.coreCapacity,
    limits: config.limits,
    attendance,
  });
  const redis: Redis[] = [];
  let cluster: MediaCluster | null = null;
  const health = (): TMediaServerHealth => {
    const workers = pool.liveWorkerCount;
    return { ok: workers > 0, workers, rooms: rooms.count, pid: process.pid };
  };
  const httpServer = createServer(
    handleHttp(health, {
      activeRecordings: { secret: config.mediaSecret, nonces: new MemoryNonceStore(), ids: () => recorders.activeRecordingIds() },
    }),
  );
  const io = new SocketServer(httpServer, {
    cors: { origin: true },
    serveClient: false,
    // Room-level limits are typed errors in signaling; this only stops absurd frames early.
    maxHttpBufferSize: 1_000_000,
  });
  attachSignaling(io, {
    rooms,
    recorders,
    mediaSecret: config.mediaSecret,
    socketsPerToken: config.limits.socketsPerToken,
    ...(config.cluster ? { nodeId: config.cluster.nodeId } : {}),
    rateLimit: options.rateLimit,
    log,
  });

  const close = async () => {
    rooms.closeAll();
    await cluster?.close();
    await recorders.suspendAll();
    await recordingReporter.close();
    await attendance.close();
    io.close();
    pool.close();
    for (const client of redis) client.disconnect();
    if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  };

  try {
    if (config.redisUrl) {
      const pub = await connectRedis(config.redisUrl);
      redis.push(pub);
      const sub = pub.duplicate();
      redis.push(sub);
      for (const client of redis) client.on("error", (error: Error) => log(`Redis: ${error.message}`));
      io.adapter(createAdapter(pub, sub));
      if (config.cluster) {
        const subscriber = pub.duplicate();
        subscriber.on("error", (error: Error) => log(`Redis: ${error.message}`));
        cluster = await MediaCluster.start(config.cluster, { redis: pub, subscriber, rooms, pool, recorders, log });
        rooms.spreadWith(cluster);
      }
    }
    const port = await listen(httpServer, options.port ?? config.port, options.host);
    log(`listening on port ${port} with ${pool.size} mediasoup worker(s)`);
    return { port, httpServer, io, pool, rooms, attendance, recorders, recordingReporter, cluster, health, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function listen(server: HttpServer, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new PortInUseError(port) : error);
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function connectRedis(url: string): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 3000 });
  // ioredis reports the socket error as an event and then rejects with a vaguer one.
  let firstError: unknown;
  client.on("error", (error) => (firstError ??= error));
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.disconnect();
    throw new RedisUnavailableError(url, firstError ?? error);
  }
}
