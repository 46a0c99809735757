import type { Server as SocketServer, Socket } from "socket.io";
import type { types } from "mediasoup";
import { z } from "zod";
import {
  isSignalingRequestName,
  JoinTokenError,
  PRE_JOIN_REQUESTS,
  signalingError,
  signalingRequests,
  verifyJoinToken,
  type TAck,
  type TJoinTokenClaims,
  type TSignalingError,
  type TSignalingErrorCode,
  type TSignalingRequestName,
  type TSignalingResponse,
} from "@diemcau/protocol";
import type { THostAction } from "./host-actions";
import type { Peer } from "./Peer";
import type { Recorders } from "./Recorders";
import { DEFAULT_RATE_LIMIT, RateLimiter, type TRateLimit } from "./RateLimiter";
import type { Room } from "./Room";
import type { Rooms } from "./Rooms";
import { browserRtpCapabilities } from "./browser-rtp-capabilities";
import { SignalingError } from "./SignalingError";
import { TokenUses } from "./TokenUses";

/** Bigger than any honest request (an RTP capabilities object is ~10 KB). */
export const MAX_REQUEST_BYTES = 64 * 1024;

export type TSignalingOptions = {
  rooms: Rooms;
  recorders?: Recorders;
  mediaSecret: string;
  /** Sockets one join token may open (MAX_SOCKETS_PER_TOKEN). */
  socketsPerToken: number;
  rateLimit?: TRateLimit;
  log?: (message: string) => void;
  /** With several nodes: this node's id; a token web issued for another node is refused. */
  nodeId?: string;
};

type TSession = {
  socket: Socket;
  rooms: Rooms;
  recorders?: Recorders;
  claims: TJoinTokenClaims & { exp: number };
  room?: Room;
  peer?: Peer;
};

type TJoined = TSession & { room: Room; peer: Peer };

type THandler<N extends TSignalingRequestName> = (
  session: TSession,
  payload: z.infer<(typeof signalingRequests)[N]["request"]>,
) => Promise<TSignalingResponse<N>> | TSignalingResponse<N>;

/** mediasoup's types are wider than the wire schemas but structurally what its ORTC layer validates. */
const asMediasoup = <T>(value: unknown) => value as T;

function joined(session: TSession): TJoined {
  if (!session.room || !session.peer || session.peer.closed) throw new SignalingError("NOT_JOINED");
  return session as TJoined;
}

function host(session: TSession): TJoined {
  const s = joined(session);
  if (s.peer.role !== "HOST") throw new SignalingError("FORBIDDEN");
  return s;
}

/** A host's action on a peer, wherever in the room (on this node or another) the peer is. */
function onPeer(session: TSession, peerId: string, action: THostAction) {
  const { room, peer } = host(session);
  return room.actOnPeer(peer, peerId, action);
}

const handlers: { [N in TSignalingRequestName]: THandler<N> } = {
  getRouterRtpCapabilities: async (session) => {
    const room = session.room ?? (await session.rooms.get(session.claims.room));
    return { rtpCapabilities: browserRtpCapabilities(room.router.rtpCapabilities) };
  },
  join: async (session, { rtpCapabilities, audioOnly, videoSlots }) => {
    if (session.peer && !session.peer.closed) throw new SignalingError("ALREADY_JOINED");
    // A client may open its socket early (on the pre-join preview); the token still bounds when it may join.
    if (session.claims.exp * 1000 < Date.now()) throw new SignalingError("TOKEN_EXPIRED");
    const room = await session.rooms.get(session.claims.room);
    const { socket } = session;
    const peer = room.join(session.claims, asMediasoup<types.RtpCapabilities>(rtpCapabilities), audioOnly ?? false, {
      notify: (event, data) => socket.emit(event, data),
      // Deferred so the ack of the request that caused it (e.g. host:endMeeting) goes out first.
      disconnect: () => setImmediate(() => socket.disconnect(true)),
    });
    if (videoSlots !== undefined) peer.videoSlots = videoSlots;
    session.room = room;
    session.peer = peer;
    return { peerId: peer.id, iceServers: room.iceServersFor(peer), room: room.state(peer) };
  },
  leave: (session) => {
    const { room, peer } = joined(session);
    room.leave(peer);
    return {};
  },
  createTransport: (s, { direction }) => joined(s).room.createTransport(joined(s).peer, direction),
  connectTransport: async (s, { transportId, dtlsParameters }) => {
    const { room, peer } = joined(s);
    await room.connectTransport(peer, transportId, dtlsParameters);
    return {};
  },
  restartIce: (s, { transportId }) => joined(s).room.restartIce(joined(s).peer, transportId),
  produce: (s, { transportId, kind, source, rtpParameters }) =>
    joined(s).room.produce(joined(s).peer, transportId, kind, source, asMediasoup<types.RtpParameters>(rtpParameters)),
  closeProducer: (s, { producerId }) => {
    joined(s).room.closeProducer(joined(s).peer, producerId);
    return {};
  },
  pauseProducer: async (s, { producerId }) => {
    await joined(s).room.pauseProducer(joined(s).peer, producerId);
    return {};
  },
  resumeProducer: async (s, { producerId }) => {
    await joined(s).room.resumeProducer(joined(s).peer, producerId);
    return {};
  },
  consume: (s, { producerId }) => joined(s).room.consume(joined(s).peer, producerId),
  pauseConsumer: async (s, { consumerId }) => {
    await joined(s).room.setConsumerPaused(joined(s).peer, consumerId, true);
    return {};
  },
  resumeConsumer: async (s, { consumerId }) => {
    await joined(s).room.setConsumerPaused(joined(s).peer, consumerId, false);
    return {};
  },
  closeConsumer: (s, { consumerId }) => {
    joined(s).room.closeConsumer(joined(s).peer, consumerId);
    return {};
  },
  setConsumerRenderedSize: (s, { consumerId, height }) =>
    joined(s).room.setConsumerRenderedSize(joined(s).peer, consumerId, height),
  setAudioOnly: async (s, { enabled }) => {
    await joined(s).room.setAudioOnly(joined(s).peer, enabled);
    return {};
  },
  setVideoSlots: async (s, { slots }) => {
    await joined(s).room.setVideoSlots(joined(s).peer, slots);
    return {};
  },
  listPeers: (s, request) => joined(s).room.listPeers(request),
  raiseHand: (s, { raised }) => {
    joined(s).room.raiseHand(joined(s).peer, raised);
    return {};
  },
  sendChat: (s, { text }) => joined(s).room.sendChat(joined(s).peer, text),
  getTransportStats: (s, { transportId }) => joined(s).room.transportStats(joined(s).peer, transportId),
  answerRollCall: (s) => joined(s).room.answerRollCall(joined(s).peer),
  "host:mutePeer": async (s, { peerId }) => {
    await onPeer(s, peerId, { kind: "mute" });
    return {};
  },
  "host:muteAll": (s) => host(s).room.muteAll(host(s).peer),
  "host:stopVideo": async (s, { peerId }) => {
    await onPeer(s, peerId, { kind: "stopVideo" });
    return {};
  },
  "host:lowerHand": async (s, { peerId }) => {
    await onPeer(s, peerId, { kind: "lowerHand" });
    return {};
  },
  "host:grantSpeak": async (s, { peerId }) => (await onPeer(s, peerId, { kind: "grantSpeak" })) as TSignalingResponse<"host:grantSpeak">,
  "host:revokeSpeak": async (s, { peerId }) => (await onPeer(s, peerId, { kind: "revokeSpeak" })) as TSignalingResponse<"host:revokeSpeak">,
  "host:removePeer": async (s, { peerId }) => {
    await onPeer(s, peerId, { kind: "remove" });
    return {};
  },
  "host:setRole": async (s, { peerId, role }) => (await onPeer(s, peerId, { kind: "setRole", role })) as TSignalingResponse<"host:setRole">,
  "host:lockRoom": (s, { locked }) => {
    host(s).room.lock(locked);
    return {};
  },
  "host:endMeeting": (s) => {
    const { room, peer } = host(s);
    room.end(peer);
    return {};
  },
  "host:startRollCall": (s, { expectedBridgePointIds, lateAfterSeconds }) =>
    host(s).room.startRollCall(expectedBridgePointIds, lateAfterSeconds),
  "host:endRollCall": (s) => host(s).room.endRollCall(),
  "host:startRecording": async (s) => {
    const { room } = host(s);
    if (!room.isHome) return { recording: await room.recordOnHome("start") };
    if (!s.recorders) throw new SignalingError("RECORDING_UNAVAILABLE");
    await s.recorders.start(room);
    return { recording: room.recording };
  },
  "host:stopRecording": async (s) => {
    const { room } = host(s);
    if (!room.isHome) return { recording: await room.recordOnHome("stop") };
    await s.recorders?.stop(room, "host");
    return { recording: room.recording };
  },
};

function describeIssues(error: z.ZodError): string {
  const paths = [...new Set(error.issues.map((issue) => issue.path.join(".") || "(payload)"))].slice(0, 5);
  return `Yêu cầu không hợp lệ: ${paths.join(", ")}.`;
}

function byteLength(payload: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(payload) ?? "");
  } catch {
    return Infinity;
  }
}

/** Maps anything a handler throws to a typed error; unexpected ones are logged, never sent raw. */
function toSignalingError(error: unknown, log: (message: string) => void): TSignalingError {
  if (error instanceof SignalingError) return signalingError(error.code, error.message);
  // mediasoup's ORTC validation and state checks throw TypeError / UnsupportedError / InvalidStateError.
  const name = (error as Error)?.name;
  if (name === "TypeError" || name === "UnsupportedError" || name === "InvalidStateError" || name === "Error")
    return signalingError("MEDIA_ERROR");
  log(`signaling: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
  return signalingError("INTERNAL");
}

/**
 * Wires socket.io to the rooms: verifies the join token at connection, validates every message
 * with the protocol's zod schemas, answers every request with a typed ack, limits the request
 * rate, and serializes each socket's requests so join/produce/consume happen in order.
 */
export function attachSignaling(io: SocketServer, options: TSignalingOptions): void {
  const log = options.log ?? (() => {});
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;

  const tokenUses = new TokenUses(options.socketsPerToken);
  const refuse = (code: TSignalingErrorCode) => Object.assign(new Error(code), { data: signalingError(code) });

  io.use((socket, next) => {
    const token = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    verifyJoinToken(token, options.mediaSecret).then(
      (claims) => {
        if (options.nodeId && claims.node && claims.node.id !== options.nodeId) return next(refuse("WRONG_NODE"));
        if (!tokenUses.take(token as string, claims.exp * 1000)) return next(refuse("TOO_MANY_CONNECTIONS"));
        socket.data.claims = claims;
        next();
      },
      (error: unknown) => next(refuse(error instanceof JoinTokenError ? error.code : "TOKEN_INVALID")),
    );
  });

  io.on("connection", (socket) => {
    const session: TSession = { socket, rooms: options.rooms, recorders: options.recorders, claims: socket.data.claims };
    const limiter = new RateLimiter(rateLimit);
    let queue: Promise<void> = Promise.resolve();
    let joinsQueued = 0;

    socket.onAny((event: unknown, ...args: unknown[]) => {
      const ack = typeof args.at(-1) === "function" ? (args.pop() as (reply: TAck<unknown>) => void) : undefined;
      const reply = (response: TAck<unknown>) => ack?.(response);
      const fail = (error: TSignalingError) => reply({ ok: false, error });

      const verdict = limiter.check();
      if (verdict === "disconnect") {
        fail(signalingError("RATE_LIMITED"));
        socket.emit("sessionEnded", {
          reason: "RATE_LIMITED",
          code: "RATE_LIMITED",
          message: "Kết nối bị ngắt vì gửi quá nhiều yêu cầu.",
        });
        socket.disconnect(true);
        return;
      }
      if (verdict === "limited") return fail(signalingError("RATE_LIMITED"));
      if (!isSignalingRequestName(event)) return fail(signalingError("UNKNOWN_REQUEST"));
      if (args.length > 1) return fail(signalingError("BAD_REQUEST", "Mỗi yêu cầu chỉ có một đối tượng dữ liệu."));
      const raw = args[0] ?? {};
      if (byteLength(raw) > MAX_REQUEST_BYTES) return fail(signalingError("PAYLOAD_TOO_LARGE"));
      const parsed = signalingRequests[event].request.safeParse(raw);
      if (!parsed.success) return fail(signalingError("BAD_REQUEST", describeIssues(parsed.error)));
      // Behind a join still in the queue, a request waits for it (a client may send its transports
      // right behind its join); the handler refuses it if the join failed.
      if (!PRE_JOIN_REQUESTS.has(event) && !session.peer && joinsQueued === 0) return fail(signalingError("NOT_JOINED"));
      if (event === "join") joinsQueued++;

      queue = queue.then(async () => {
        try {
          if (!socket.connected) return;
          const handler = handlers[event] as THandler<typeof event>;
          reply({ ok: true, data: await handler(session, parsed.data as never) });
        } catch (error) {
          fail(toSignalingError(error, log));
        } finally {
          if (event === "join") joinsQueued--;
        }
      });
    });

    socket.on("disconnect", () => {
      // Wait for an in-flight request (e.g. a join) so whatever it opened is closed too.
      queue = queue.then(() => {
        if (session.room && session.peer) session.room.leave(session.peer);
      });
    });
  });
}
