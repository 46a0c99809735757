import { createSocket, type Socket } from "node:dgram";
import { randomInt } from "node:crypto";
import type { types } from "mediasoup";
import { blackVp8Keyframe, isVp8KeyframeStart, OPUS_FRAME_MS, OPUS_SILENCE_FRAME, packetizeVp8 } from "./RecorderFiller";

/** Audio silent this long (a pause, DTX, a lost uplink) is filled with Opus silence frames. */
const AUDIO_GAP_MS = 100;
/** Video silent this long is filled with black keyframes… */
const VIDEO_GAP_MS = 500;
/**
 * …at this rate. The picture waits on both video slots (overlay, streamselect), so a slot's
 * frame interval is how far the program lags and how much a stop cuts off its end: at 200 ms the
 * video ended ~0.5 s before the audio, at 100 ms ~0.1 s.
 */
const VIDEO_FILL_INTERVAL_MS = 100;
/** Sender reports tie every input to one wall clock, so ffmpeg lines the inputs up. */
const SENDER_REPORT_INTERVAL_MS = 500;
const KEYFRAME_REQUEST_INTERVAL_MS = 1000;
const SENDER_REPORT_LEAD_MS = 60;
const NTP_EPOCH_OFFSET_S = 2_208_988_800;
/** RTP ticks of one Opus frame: a new feed never starts before the last frame ends. */
const OPUS_FRAME_TICKS = (48000 * OPUS_FRAME_MS) / 1000;

export type TRecorderSlotKind = "audio" | "video";

export type TRecorderSlotOptions = {
  kind: TRecorderSlotKind;
  router: types.Router;
  ffmpegPath: string;
};

/** One producer's consumer into this slot, and the SSRC its packets carry. */
type TFeed = { producerId: string; consumer: types.Consumer; ssrc: number };

/**
 * One of ffmpeg's inputs, fixed for the whole recording. A PlainTransport of this slot delivers
 * RTP into a UDP socket of this process, which relays it to ffmpeg under the slot's own SSRC,
 * sequence numbers and timestamps. feed() switches which producer the slot carries: ffmpeg
 * sees one continuous stream whoever speaks, so people joining, leaving, muting or reconnecting
 * never restart it. A new video feed takes over at its first keyframe (the old one runs until
 * then); while nothing feeds the slot it sends filler, Opus silence or black VP8 keyframes, on
 * the same timeline, so ffmpeg's inputs never starve (the trap in shared/notes/recording.md).
 */
export class RecorderSlot {
  readonly kind: TRecorderSlotKind;
  readonly #clockRate: number;
  readonly #payloadType: number;
  readonly #ssrc = randomInt(1, 2 ** 31);
  readonly #socket: Socket;
  readonly #transport: types.PlainTransport;
  readonly #ffmpegPath: string;
  #ffmpegPort = 0;
  /** The feed whose packets go to ffmpeg, and the one taking over at its first packet (video: keyframe). */
  #current: TFeed | null = null;
  #next: TFeed | null = null;
  // Output timeline: the last timestamp sent and when, in ms of performance.now().
  #lastTs = randomInt(0, 2 ** 31);
  #lastAt = performance.now();
  #nextSeq = randomInt(0, 2 ** 15);
  // Mapping of the feed's own numbering onto ours; null until the next real packet anchors it.
  #tsOffset: number | null = null;
  #seqOffset = 0;
  #lastSourceTs = 0;
  #lastRealAt = -Infinity;
  #nextFillAt = 0;
  #waitingKeyframe = true;
  #keyframeTs: number | null = null;
  #lastKeyframeRequestAt = -Infinity;
  #lastFillAt = -Infinity;
  #lastSenderReportAt = -Infinity;
  #packets = 0;
  #octets = 0;
  #fillerPackets = 0;
  #switches = 0;
  #timer: NodeJS.Timeout | undefined;
  /** Nothing goes to ffmpeg before it listens and has had our first sender report. */
  #armed = false;
  #closed = false;

  private constructor(options: TRecorderSlotOptions, socket: Socket, transport: types.PlainTransport) {
    this.kind = options.kind;
    this.#clockRate = options.kind === "audio" ? 48000 : 90000;
    this.#payloadType = routerPayloadType(options.router, options.kind);
    this.#socket = socket;
    this.#transport = transport;
    this.#ffmpegPath = options.ffmpegPath;
  }

  static async create(options: TRecorderSlotOptions): Promise<RecorderSlot> {
    const socket = createSocket("udp4");
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(0, "127.0.0.1", () => {
        socket.off("error", reject);
        resolve();
      });
    });
    // A full kernel buffer toward a busy ffmpeg drops a packet, nothing worse.
    socket.on("error", () => {});
    let transport: types.PlainTransport | undefined;
    try {
      if (options.kind === "video") await blackVp8Keyframe(options.ffmpegPath);
      transport = await options.router.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: true, comedia: false });
      await transport.connect({ ip: "127.0.0.1", port: socket.address().port });
    } catch (error) {
      transport?.close();
      socket.close();
      throw error;
    }
    const slot = new RecorderSlot(options, socket, transport);
    socket.on("message", (packet) => slot.#onRtp(packet));
    slot.#timer = setInterval(() => slot.#tick(), OPUS_FRAME_MS);
    return slot;
  }

  /** The producer this slot carries, or is switching to; null while it sends filler. */
  get producerId(): string | null {
    return (this.#next ?? this.#current)?.producerId ?? null;
  }

  get stats() {
    return { producerId: this.producerId, packets: this.#packets, fillerPackets: this.#fillerPackets, switches: this.#switches };
  }

  /**
   * Carries this producer from now on (null: filler only). Audio switches at the new feed's first
   * packet; video at its first keyframe, asked for at once, with the old feed shown until then.
   * Throws when the producer cannot be consumed (gone already, or a codec ffmpeg is not told of).
   * Not reentrant: the recorder feeds its slots one step at a time.
   */
  async feed(producer: types.Producer | null): Promise<void> {
    if (this.#closed || (producer?.id ?? null) === this.producerId) return;
    this.#next?.consumer.close();
    this.#next = null;
    if (!producer) {
      this.#current?.consumer.close();
      this.#current = null;
      return;
    }
    const consumer = await this.#transport.consume({
      producerId: producer.id,
      rtpCapabilities: { codecs: [recordedCodec(this.kind, this.#payloadType)], headerExtensions: [] },
      paused: false,
    });
    if (this.#closed) return void consumer.close();
    // The program is encoded at the output size anyway: take the best simulcast layer.
    if (consumer.type === "simulcast") await consumer.setPreferredLayers({ spatialLayer: 10, temporalLayer: 10 }).catch(() => {});
    const feed: TFeed = { producerId: producer.id, consumer, ssrc: consumer.rtpParameters.encodings![0]!.ssrc! };
    consumer.observer.once("close", () => {
      if (this.#current === feed) this.#current = null;
      if (this.#next === feed) this.#next = null;
    });
    this.#next = feed;
    this.#requestKeyframe(feed, true);
  }

  /** SDP lines of this input: one m= block, in the order the program numbers its streams. */
  sdp(): string[] {
    const pt = this.#payloadType;
    return this.kind === "video"
      ? [`m=video ${this.#ffmpegPort} RTP/AVP ${pt}`, `a=rtpmap:${pt} VP8/90000`, "a=recvonly"]
      : [`m=audio ${this.#ffmpegPort} RTP/AVP ${pt}`, `a=rtpmap:${pt} opus/48000/2`, `a=fmtp:${pt} sprop-stereo=1`, "a=recvonly"];
  }

  /** Where ffmpeg reads this input: RTP on port, RTCP (our sender reports) on port + 1. New for every ffmpeg run. */
  get ffmpegPort(): number {
    return this.#ffmpegPort;
  }

  sendTo(ffmpegPort: number): void {
    this.#armed = false;
    this.#ffmpegPort = ffmpegPort;
  }

  /**
   * ffmpeg listens now. It gets a sender report before any RTP: a stream whose first report came
   * after its first packets would jump in time when ffmpeg switches to report-based timestamps.
   * Video then waits for a keyframe, since delta frames mean nothing to a new decoder.
   */
  restartStream(): void {
    this.#waitingKeyframe = true;
    this.#keyframeTs = null;
    this.#sendSenderReport();
    setTimeout(() => {
      this.#armed = true;
      if (this.#current) this.#requestKeyframe(this.#current, true);
    }, SENDER_REPORT_LEAD_MS);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.#transport.close();
    this.#socket.close();
  }

  #onRtp(packet: Buffer): void {
    if (this.#closed || packet.length < 12 || packet[0]! >> 6 !== 2) return;
    const pt = packet[1]! & 0x7f;
    if (pt >= 72 && pt <= 76) return; // RTCP from mediasoup (rtcp-mux): the relay answers nothing
    const payloadOffset = rtpPayloadOffset(packet);
    if (payloadOffset === null) return;
    const ssrc = packet.readUInt32BE(8);
    const sourceSeq = packet.readUInt16BE(2);
    const sourceTs = packet.readUInt32BE(4);
    const now = performance.now();

    const next = this.#next;
    if (next && ssrc === next.ssrc) {
      if (this.kind === "video" && !isVp8KeyframeStart(packet.subarray(payloadOffset))) {
        this.#requestKeyframe(next, false);
        return;
      }
      this.#current?.consumer.close();
      this.#current = next;
      this.#next = null;
      this.#switches++;
      this.#waitingKeyframe = false;
      this.#keyframeTs = sourceTs;
      this.#tsOffset = null;
    } else if (!this.#current || ssrc !== this.#current.ssrc) return;

    if (this.kind === "video" && this.#waitingKeyframe) {
      const payload = packet.subarray(payloadOffset);
      if (isVp8KeyframeStart(payload)) this.#keyframeTs = sourceTs;
      if (this.#keyframeTs !== sourceTs) {
        this.#requestKeyframe(this.#current, false);
        return; // a delta frame with no reference before it would decode as garbage
      }
      this.#waitingKeyframe = false;
      this.#tsOffset = null;
    }

    const gap = now - this.#lastRealAt > (this.kind === "audio" ? AUDIO_GAP_MS : VIDEO_GAP_MS);
    if (this.#tsOffset === null || gap) {
      // Continue our timeline from where it is now, whatever the feed's own numbering says.
      this.#tsOffset = (this.#anchorTs(now) - sourceTs) >>> 0;
      this.#seqOffset = (this.#nextSeq - sourceSeq) & 0xffff;
    }
    const ts = (sourceTs + this.#tsOffset) >>> 0;
    const seq = (sourceSeq + this.#seqOffset) & 0xffff;
    const out = Buffer.from(packet);
    out[1] = (out[1]! & 0x80) | this.#payloadType;
    out.writeUInt16BE(seq, 2);
    out.writeUInt32BE(ts, 4);
    out.writeUInt32BE(this.#ssrc, 8);
    if (((seq - this.#nextSeq) & 0xffff) < 0x8000) this.#nextSeq = (seq + 1) & 0xffff;
    if (sourceTs !== this.#lastSourceTs || this.#lastRealAt === -Infinity) {
      this.#lastTs = ts;
      this.#lastAt = now;
      this.#lastSourceTs = sourceTs;
    }
    this.#lastRealAt = now;
    this.#send(out, out.length - payloadOffset);
  }

  #tick(): void {
    if (this.#closed) return;
    const now = performance.now();
    if (now - this.#lastSenderReportAt >= SENDER_REPORT_INTERVAL_MS) this.#sendSenderReport();
    if (this.#next) this.#requestKeyframe(this.#next, false);
    const idle = now - this.#lastRealAt;
    if (this.kind === "audio") {
      if (idle < AUDIO_GAP_MS) {
        this.#nextFillAt = 0;
        return;
      }
      if (this.#nextFillAt === 0) this.#nextFillAt = now;
      // Catch up frame by frame: the timer is late sometimes, the timeline must not be.
      for (let frames = 0; this.#nextFillAt <= now && frames < 50; frames++) {
        this.#sendFiller([OPUS_SILENCE_FRAME], this.#tsAt(this.#nextFillAt), this.#nextFillAt);
        this.#nextFillAt += OPUS_FRAME_MS;
      }
      return;
    }
    if (idle < VIDEO_GAP_MS && !this.#waitingKeyframe) return;
    if (this.#current && this.#waitingKeyframe) this.#requestKeyframe(this.#current, false);
    if (now - this.#lastFillAt < VIDEO_FILL_INTERVAL_MS || idle < VIDEO_GAP_MS) return;
    this.#lastFillAt = now;
    void blackVp8Keyframe(this.#ffmpegPath).then((frame) => {
      if (!this.#closed) this.#sendFiller(packetizeVp8(frame), this.#tsAt(now), now);
    }, () => {});
  }

  #sendFiller(payloads: Buffer[], ts: number, at: number): void {
    payloads.forEach((payload, index) => {
      const header = Buffer.alloc(12);
      header[0] = 0x80;
      header[1] = (index === payloads.length - 1 ? 0x80 : 0) | this.#payloadType;
      header.writeUInt16BE(this.#nextSeq, 2);
      header.writeUInt32BE(ts >>> 0, 4);
      header.writeUInt32BE(this.#ssrc, 8);
      this.#nextSeq = (this.#nextSeq + 1) & 0xffff;
      this.#fillerPackets++;
      this.#send(Buffer.concat([header, payload]), payload.length);
    });
    this.#lastTs = ts >>> 0;
    this.#lastAt = at;
    // The feed's next packet must be re-anchored after our filler, and a video decoder that
    // just saw black needs a keyframe before the feed's delta frames mean anything.
    this.#tsOffset = null;
    if (this.kind === "video") {
      this.#waitingKeyframe = true;
      this.#keyframeTs = null;
    }
  }

  #tsAt(now: number): number {
    return (this.#lastTs + Math.round(((now - this.#lastAt) * this.#clockRate) / 1000)) >>> 0;
  }

  /** Where a feed's first packet goes on our timeline: now, yet never before the last frame sent ends. */
  #anchorTs(now: number): number {
    const earliest = (this.#lastTs + (this.kind === "audio" ? OPUS_FRAME_TICKS : 1)) >>> 0;
    const at = this.#tsAt(now);
    return ((at - earliest) | 0) < 0 ? earliest : at;
  }

  #requestKeyframe(feed: TFeed, force: boolean): void {
    const now = performance.now();
    if (this.kind !== "video" || (!force && now - this.#lastKeyframeRequestAt < KEYFRAME_REQUEST_INTERVAL_MS)) return;
    this.#lastKeyframeRequestAt = now;
    feed.consumer.requestKeyFrame().catch(() => {});
  }

  #send(packet: Buffer, payloadBytes: number): void {
    if (!this.#armed) return;
    this.#packets++;
    this.#octets += payloadBytes;
    this.#socket.send(packet, this.#ffmpegPort, "127.0.0.1");
  }

  #sendSenderReport(): void {
    if (this.#closed || this.#ffmpegPort === 0) return;
    const now = performance.now();
    this.#lastSenderReportAt = now;
    const wallMs = performance.timeOrigin + now;
    const seconds = Math.floor(wallMs / 1000);
    const report = Buffer.alloc(28);
    report[0] = 0x80;
    report[1] = 200;
    report.writeUInt16BE(6, 2);
    report.writeUInt32BE(this.#ssrc, 4);
    report.writeUInt32BE((seconds + NTP_EPOCH_OFFSET_S) >>> 0, 8);
    report.writeUInt32BE(Math.floor(((wallMs - seconds * 1000) / 1000) * 2 ** 32) >>> 0, 12);
    report.writeUInt32BE(this.#tsAt(now), 16);
    report.writeUInt32BE(this.#packets >>> 0, 20);
    report.writeUInt32BE(this.#octets >>> 0, 24);
    this.#socket.send(report, this.#ffmpegPort + 1, "127.0.0.1");
  }
}

/** The router's payload type for the recorded codec: every consumer of the slot gets it, so the SDP can say it up front. */
function routerPayloadType(router: types.Router, kind: TRecorderSlotKind): number {
  const mimeType = kind === "audio" ? "audio/opus" : "video/VP8";
  const codec = router.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === mimeType.toLowerCase());
  if (codec?.preferredPayloadType === undefined) throw new Error(`the router has no ${mimeType} to record`);
  return codec.preferredPayloadType;
}

/** What the slot's consumers accept: the recorded codec only, with no RTCP feedback (no NACK or RTX toward ffmpeg). */
function recordedCodec(kind: TRecorderSlotKind, payloadType: number): types.RtpCodecCapability {
  return kind === "audio"
    ? { kind, mimeType: "audio/opus", preferredPayloadType: payloadType, clockRate: 48000, channels: 2, rtcpFeedback: [] }
    : { kind, mimeType: "video/VP8", preferredPayloadType: payloadType, clockRate: 90000, rtcpFeedback: [] };
}

/** Where the payload starts, past CSRCs and a header extension; null for a malformed packet. */
function rtpPayloadOffset(packet: Buffer): number | null {
  let offset = 12 + (packet[0]! & 0x0f) * 4;
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return null;
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  return offset <= packet.length ? offset : null;
}
