import { accessSync, constants, statSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseEnv, zPort } from "@diemcau/protocol";
import type { TRoomLimits } from "./Room";
import type { TIceConfig } from "./turn-credentials";
import type { TClusterConfig } from "./cluster/MediaCluster";
import { DEFAULT_HEARTBEAT_MS } from "@diemcau/media-nodes";

/**
 * Shared by web and media-server on a laptop so `npm start` works without setup; production
 * refuses it so a forgotten secret cannot let anyone mint join tokens.
 */
export const DEV_MEDIA_SECRET = "diemcau-dev-media-secret-change-me-in-production";

/** What one room and one peer may hold unless configured otherwise (MAX_* variables). */
export const DEFAULT_ROOM_LIMITS: TRoomLimits = {
  // A class of 500 students with its teachers fits.
  peersPerRoom: 1000,
  // A browser needs one send and one receive transport.
  transportsPerPeer: 2,
  // Microphone, camera, and a screen share's video and audio.
  producersPerPeer: 4,
  // Bounds what one peer can make the worker carry; a large room's producers are each consumed once.
  consumersPerPeer: 2000,
};
/**
 * Transports plus consumers per core at which a core counts as full: a room's new peers go to its
 * router on another core, and a node whose every core is full sends them to another node. About
 * what one core forwards below 1% loss (npm run bench -- sfu-load).
 */
const DEFAULT_NODE_CAPACITY_PER_CORE = 500;
/** The room client opens one socket per token; one more allows a retry of the same attempt. */
const DEFAULT_SOCKETS_PER_TOKEN = 2;

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const zIp = z.union([z.ipv4(), z.ipv6()], { error: "phải là một địa chỉ IPv4 hoặc IPv6" });

/** Only self-hosted ICE servers are configured; there is deliberately no public STUN default. */
const zIceUrls = z
  .string()
  .transform((value) => value.split(",").map((url) => url.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.string().regex(/^(stun|turn|turns):[^\s]+$/, "mỗi URL phải bắt đầu bằng stun:, turn: hoặc turns:"),
    ),
  );

export const ZMediaServerEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    PORT: zPort.default(3001),
    MEDIASOUP_WORKER_BIN: z
      .string({
        error:
          "chưa đặt. Chạy `bash scripts/build-mediasoup-worker.sh` rồi đặt biến này bằng đường dẫn ở dòng cuối (hoặc dùng `npm start`).",
      })
      .refine(isExecutableFile, {
        error: "không phải là một tệp chạy được (mediasoup-worker). Chạy lại `bash scripts/build-mediasoup-worker.sh`.",
      }),
    RTC_MIN_PORT: zPort.default(40000),
    RTC_MAX_PORT: zPort.default(49999),
    LISTEN_IP: zIp.optional(),
    ANNOUNCED_IP: z.string().min(1).optional(),
    NUM_WORKERS: z.coerce.number().int().min(1).max(256).default(Math.max(1, os.cpus().length)),
    MEDIA_SECRET: z.string().min(32, "cần ít nhất 32 ký tự").optional(),
    /** Set: this process is one of several media-server nodes sharing this Redis (NODE_* below). */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    /** This node's name among the others; unique per node. */
    NODE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới (tối đa 64)").optional(),
    /** Where browsers reach this node (web hands it out with the join token). */
    NODE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** The address other nodes send piped RTP to; the host's address on the network between the nodes. */
    NODE_INTERNAL_IP: zIp.optional(),
    NODE_CAPACITY_PER_CORE: z.coerce.number().positive().default(DEFAULT_NODE_CAPACITY_PER_CORE),
    NODE_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(DEFAULT_HEARTBEAT_MS),
    TURN_URLS: zIceUrls.optional(),
    /** coturn's static-auth-secret (use-auth-secret): each person gets a credential made from it. */
    TURN_SECRET: z.string().min(16, "cần ít nhất 16 ký tự").optional(),
    /** How long a TURN credential handed to a browser stays good (coturn refuses it after). */
    TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(12 * 3600),
    EMPTY_ROOM_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
    MAX_PEERS_PER_ROOM: z.coerce.number().int().min(2).max(20_000).default(DEFAULT_ROOM_LIMITS.peersPerRoom),
    /** Sockets one join token may open while it is valid. */
    MAX_SOCKETS_PER_TOKEN: z.coerce.number().int().min(1).max(100).default(DEFAULT_SOCKETS_PER_TOKEN),
    MAX_TRANSPORTS_PER_PEER: z.coerce.number().int().min(1).max(64).default(DEFAULT_ROOM_LIMITS.transportsPerPeer),
    MAX_PRODUCERS_PER_PEER: z.coerce.number().int().min(1).max(64).default(DEFAULT_ROOM_LIMITS.producersPerPeer),
    MAX_CONSUMERS_PER_PEER: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_ROOM_LIMITS.consumersPerPeer),
    /** Where web's internal API is reached (attendance reports). */
    WEB_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:3000"),
    /** Where recording events go (POST /api/internal/recordings/events); WEB_URL when unset. */
    WEB_INTERNAL_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Media files (recordings/<id>/live/…), shared with web and the worker. */
    STORAGE_DIR: z.string().min(1).default(fileURLToPath(new URL("../../.data/media", import.meta.url))),
    /** Size of the recorded program. */
    RECORDING_SIZE: z
      .string()
      .regex(/^\d{2,4}x\d{2,4}$/, "phải có dạng RỘNGxCAO, ví dụ 1280x720")
      .default("1280x720"),
    FFMPEG_PATH: z.string().min(1).default("ffmpeg"),
  })
  .superRefine((env, ctx) => {
    if (env.RTC_MIN_PORT > env.RTC_MAX_PORT)
      ctx.addIssue({ code: "custom", path: ["RTC_MIN_PORT"], message: "phải nhỏ hơn hoặc bằng RTC_MAX_PORT" });
    const production = env.NODE_ENV === "production";
    if (production && !env.MEDIA_SECRET)
      ctx.addIssue({ code: "custom", path: ["MEDIA_SECRET"], message: "bắt buộc khi NODE_ENV=production" });
    if (production && (env.LISTEN_IP ?? "0.0.0.0") === "0.0.0.0" && !env.ANNOUNCED_IP)
      ctx.addIssue({
        code: "custom",
        path: ["ANNOUNCED_IP"],
        message: "bắt buộc khi lắng nghe trên 0.0.0.0: đặt địa chỉ IP mà trình duyệt dùng để tới máy chủ này",
      });
    if (production && env.REDIS_URL && !env.NODE_PUBLIC_URL)
      ctx.addIssue({ code: "custom", path: ["NODE_PUBLIC_URL"], message: "bắt buộc khi có REDIS_URL: địa chỉ trình duyệt dùng để tới nút này" });
    if (production && env.REDIS_URL && !env.NODE_INTERNAL_IP)
      ctx.addIssue({ code: "custom", path: ["NODE_INTERNAL_IP"], message: "bắt buộc khi có REDIS_URL: địa chỉ các nút khác gửi RTP tới" });
    const needsCredentials = env.TURN_URLS?.some((url) => url.startsWith("turn"));
    if (needsCredentials && !env.TURN_SECRET)
      ctx.addIssue({ code: "custom", path: ["TURN_SECRET"], message: "TURN_URLS có máy chủ TURN: cần TURN_SECRET (static-auth-secret của coturn)" });
  });

export type TMediaServerConfig = {
  port: number;
  workerBin: string;
  numWorkers: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  listenIp: { ip: string; announcedIp?: string };
  mediaSecret: string;
  redisUrl?: string;
  /** Present with REDIS_URL: this node's part in a cluster of media-server nodes. */
  cluster?: TClusterConfig;
  ice: TIceConfig;
  emptyRoomGraceMs: number;
  /** Transports + consumers per core before a room's new peers go to another core (and, with several nodes, another node). */
  coreCapacity: number;
  limits: TRoomLimits & { socketsPerToken: number };
  webUrl: string;
  webInternalUrl: string;
  storageDir: string;
  recording: { width: number; height: number; ffmpegPath: string };
};

export function loadConfig(env: Record<string, string | undefined> = process.env): TMediaServerConfig {
  const e = parseEnv("media-server", ZMediaServerEnvSchema, env);
  const production = e.NODE_ENV === "production";
  return {
    port: e.PORT,
    workerBin: e.MEDIASOUP_WORKER_BIN,
    numWorkers: e.NUM_WORKERS,
    rtcMinPort: e.RTC_MIN_PORT,
    rtcMaxPort: e.RTC_MAX_PORT,
    listenIp: {
      ip: e.LISTEN_IP ?? (production ? "0.0.0.0" : "127.0.0.1"),
      ...(e.ANNOUNCED_IP ? { announcedIp: e.ANNOUNCED_IP } : {}),
    },
    mediaSecret: e.MEDIA_SECRET ?? DEV_MEDIA_SECRET,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL, cluster: clusterConfig(e) } : {}),
    ice: {
      urls: e.TURN_URLS ?? [],
      ...(e.TURN_SECRET ? { turnSecret: e.TURN_SECRET } : {}),
      credentialTtlSeconds: e.TURN_CREDENTIAL_TTL_SECONDS,
    },
    emptyRoomGraceMs: e.EMPTY_ROOM_GRACE_SECONDS * 1000,
    coreCapacity: e.NODE_CAPACITY_PER_CORE,
    limits: {
      peersPerRoom: e.MAX_PEERS_PER_ROOM,
      socketsPerToken: e.MAX_SOCKETS_PER_TOKEN,
      transportsPerPeer: e.MAX_TRANSPORTS_PER_PEER,
      producersPerPeer: e.MAX_PRODUCERS_PER_PEER,
      consumersPerPeer: e.MAX_CONSUMERS_PER_PEER,
    },
    webUrl: e.WEB_URL,
    webInternalUrl: e.WEB_INTERNAL_URL ?? e.WEB_URL,
    storageDir: e.STORAGE_DIR,
    recording: {
      width: evenSize(e.RECORDING_SIZE.split("x")[0]!),
      height: evenSize(e.RECORDING_SIZE.split("x")[1]!),
      ffmpegPath: e.FFMPEG_PATH,
    },
  };
}

function clusterConfig(e: z.infer<typeof ZMediaServerEnvSchema>): TClusterConfig {
  const listenIp = e.LISTEN_IP && e.LISTEN_IP !== "0.0.0.0" && e.LISTEN_IP !== "::" ? e.LISTEN_IP : undefined;
  return {
    nodeId: e.NODE_ID ?? `${os.hostname()}-${e.PORT}`,
    signalingUrl: e.NODE_PUBLIC_URL ?? `http://${e.ANNOUNCED_IP ?? listenIp ?? "localhost"}:${e.PORT}`,
    internalIp: e.NODE_INTERNAL_IP ?? listenIp ?? "127.0.0.1",
    capacityPerCore: e.NODE_CAPACITY_PER_CORE,
    heartbeatMs: e.NODE_HEARTBEAT_MS,
  };
}

/** libx264 with yuv420p needs even dimensions. */
function evenSize(value: string): number {
  return Math.max(2, Math.round(Number(value) / 2) * 2);
}
