import { createSocket, type Socket } from "node:dgram";
import { randomInt } from "node:crypto";
import type { types } from "mediasoup";
import { blackVp8Keyframe, isVp8KeyframeStart, OPUS_FRAME_MS, OPUS_SILENCE_FRAME, packetizeVp8 } from "./RecorderFiller";

/** Audio silent this long (a pause, DTX, a lost uplink) is filled with Opus silence frames. */
const AUDIO_GAP_MS = 100;
/** Video silent this long is filled with black keyframes… */
const VIDEO_GAP_MS = 500;
/** …at this rate: enough for streamselect and overlay to never wait long on this input. */
const VIDEO_FILL_INTERVAL_MS = 200;
/** Sender reports tie every input to one wall clock, so ffmpeg lines the inputs up. */
const SENDER_REPORT_INTERVAL_MS = 500;
const KEYFRAME_REQUEST_INTERVAL_MS = 1000;
const SENDER_REPORT_LEAD_MS = 60;
const NTP_EPOCH_OFFSET_S = 2_208_988_800;

export type TRecorderInputKind = "audio" | "video";

export type TRecorderInputOptions = {
  kind: TRecorderInputKind;
  /** Absent for a placeholder input (no camera or no microphone in the room): it only sends filler. */
  producer?: types.Producer;
  router: types.Router;
  ffmpegPath: string;
  /** Where ffmpeg reads this input: RTP on port, RTCP (our sender reports) on port + 1. */
  ffmpegPort: number;
};

/**
 * One input of the program: consumes a producer over a PlainTransport into a UDP socket of this
 * process and relays the RTP to ffmpeg under its own SSRC, sequence numbers and timestamps. While
 * the producer sends nothing (paused by its owner or the host, DTX, a dead uplink) it sends
 * filler instead — Opus silence or black VP8 keyframes — continuing the same timeline, so ffmpeg's
 * inputs never starve and muting never needs a restart (the trap in shared/notes/recording.md).
 */
export class RecorderInput {
  readonly kind: TRecorderInputKind;
  readonly producerId: string | null;
  readonly ffmpegPort: number;
  readonly #clockRate: number;
  readonly #ssrc = randomInt(1, 2 ** 31);
  readonly #socket: Socket;
  readonly #ffmpegPath: string;
  #transport: types.PlainTransport | undefined;
  #consumer: types.Consumer | undefined;
  #payloadType: number;
  // Output timeline: the last timestamp sent and when, in ms of performance.now().
  #lastTs = randomInt(0, 2 ** 31);
  #lastAt = performance.now();
  #nextSeq = randomInt(0, 2 ** 15);
  // Mapping of the producer's own numbering onto ours; null until the next real packet anchors it.
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
  #timer: NodeJS.Timeout | undefined;
  /** Nothing goes to ffmpeg before it listens and has had our first sender report. */
  #armed = false;
  #closed = false;

  private constructor(options: TRecorderInputOptions, socket: Socket) {
    this.kind = options.kind;
    this.producerId = options.producer?.id ?? null;
    this.ffmpegPort = options.ffmpegPort;
    this.#clockRate = options.kind === "audio" ? 48000 : 90000;
    this.#payloadType = options.kind === "audio" ? 100 : 101;
    this.#socket = socket;
    this.#ffmpegPath = options.ffmpegPath;
  }

  static async create(options: TRecorderInputOptions): Promise<RecorderInput> {
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
    const input = new RecorderInput(options, socket);
    try {
      if (options.kind === "video") await blackVp8Keyframe(options.ffmpegPath);
      if (options.producer) await input.#consume(options.router, options.producer);
    } catch (error) {
      input.close();
      throw error;
    }
    socket.on("message", (packet) => input.#onRtp(packet));
    input.#timer = setInterval(() => input.#tick(), OPUS_FRAME_MS);
    return input;
  }

  /** The payload type ffmpeg's SDP must announce: the consumer's, read from its RTP parameters. */
  get payloadType(): number {
    return this.#payloadType;
  }

  get stats() {
    return { packets: this.#packets, fillerPackets: this.#fillerPackets };
  }

  /** SDP lines of this input: one m= block, in the order the program numbers its streams. */
  sdp(): string[] {
    const pt = this.#payloadType;
    return this.kind === "video"
      ? [`m=video ${this.ffmpegPort} RTP/AVP ${pt}`, `a=rtpmap:${pt} VP8/90000`, "a=recvonly"]
      : [`m=audio ${this.ffmpegPort} RTP/AVP ${pt}`, `a=rtpmap:${pt} opus/48000/2`, `a=fmtp:${pt} sprop-stereo=1`, "a=recvonly"];
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
      this.#requestKeyframe(true);
    }, SENDER_REPORT_LEAD_MS);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.#transport?.close();
    this.#socket.close();
  }

  async #consume(router: types.Router, producer: types.Producer): Promise<void> {
    const codec = producer.kind === "audio"
      ? { kind: "audio" as const, mimeType: "audio/opus", preferredPayloadType: 100, clockRate: 48000, channels: 2, rtcpFeedback: [] }
      : { kind: "video" as const, mimeType: "video/VP8", preferredPayloadType: 101, clockRate: 90000, rtcpFeedback: [] };
    this.#transport = await router.createPlainTransport({ listenIp: { ip: "127.0.0.1" }, rtcpMux: true, comedia: false });
    await this.#transport.connect({ ip: "127.0.0.1", port: this.#socket.address().port });
    this.#consumer = await this.#transport.consume({
      producerId: producer.id,
      rtpCapabilities: { codecs: [codec], headerExtensions: [] },
      paused: false,
    });
    this.#payloadType = this.#consumer.rtpParameters.codecs[0]!.payloadType;
    // The program is encoded at the output size anyway: take the best simulcast layer.
    if (this.#consumer.type === "simulcast") await this.#consumer.setPreferredLayers({ spatialLayer: 10, temporalLayer: 10 });
  }

  #onRtp(packet: Buffer): void {
    if (this.#closed || packet.length < 12 || packet[0]! >> 6 !== 2) return;
    const pt = packet[1]! & 0x7f;
    if (pt >= 72 && pt <= 76) return; // RTCP from mediasoup (rtcp-mux): the relay answers nothing
    const payloadOffset = rtpPayloadOffset(packet);
    if (payloadOffset === null) return;
    const sourceSeq = packet.readUInt16BE(2);
    const sourceTs = packet.readUInt32BE(4);
    const now = performance.now();

    if (this.kind === "video" && this.#waitingKeyframe) {
      const payload = packet.subarray(payloadOffset);
      if (isVp8KeyframeStart(payload)) this.#keyframeTs = sourceTs;
      if (this.#keyframeTs !== sourceTs) {
        this.#requestKeyframe(false);
        return; // a delta frame with no reference before it would decode as garbage
      }
      this.#waitingKeyframe = false;
      this.#tsOffset = null;
    }

    const gap = now - this.#lastRealAt > (this.kind === "audio" ? AUDIO_GAP_MS : VIDEO_GAP_MS);
    if (this.#tsOffset === null || gap) {
      // Continue our timeline from where it is now, whatever the producer's own numbering says.
      this.#tsOffset = (this.#tsAt(now) - sourceTs) >>> 0;
      this.#seqOffset = (this.#nextSeq - sourceSeq) & 0xffff;
    }
    const ts = (sourceTs + this.#tsOffset) >>> 0;
    const seq = (sourceSeq + this.#seqOffset) & 0xffff;
    const out = Buffer.from(packet);
    out.writeUInt16BE(seq, 2);
    out.writeUInt32BE(ts, 4);
    out.writeUInt32BE(this.#ssrc, 8);
    if (((seq - this.#nextSeq) & 0xffff) < 0x8000) this.#nextSeq = (seq + 1) & 0xffff;
    if (sourceTs !== this.#lastSourceTs || this.#packets === 0) {
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
    if (this.#producerWaiting(now)) this.#requestKeyframe(false);
    if (now - this.#lastFillAt < VIDEO_FILL_INTERVAL_MS || now - this.#lastRealAt < VIDEO_GAP_MS) return;
    this.#lastFillAt = now;
    void blackVp8Keyframe(this.#ffmpegPath).then((frame) => {
      if (!this.#closed) this.#sendFiller(packetizeVp8(frame), this.#tsAt(now), now);
    }, () => {});
  }

  #producerWaiting(now: number): boolean {
    return this.#consumer !== undefined && this.#waitingKeyframe && now - this.#lastKeyframeRequestAt >= KEYFRAME_REQUEST_INTERVAL_MS;
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
    // The producer's next packet must be re-anchored after our filler, and a video decoder that
    // just saw black needs a keyframe before the producer's delta frames mean anything.
    this.#tsOffset = null;
    if (this.kind === "video") {
      this.#waitingKeyframe = true;
      this.#keyframeTs = null;
    }
  }

  #tsAt(now: number): number {
    return (this.#lastTs + Math.round(((now - this.#lastAt) * this.#clockRate) / 1000)) >>> 0;
  }

  #requestKeyframe(force: boolean): void {
    const now = performance.now();
    if (!this.#consumer || (!force && now - this.#lastKeyframeRequestAt < KEYFRAME_REQUEST_INTERVAL_MS)) return;
    this.#lastKeyframeRequestAt = now;
    this.#consumer.requestKeyFrame().catch(() => {});
  }

  #send(packet: Buffer, payloadBytes: number): void {
    if (!this.#armed) return;
    this.#packets++;
    this.#octets += payloadBytes;
    this.#socket.send(packet, this.ffmpegPort, "127.0.0.1");
  }

  #sendSenderReport(): void {
    if (this.#closed) return;
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
    this.#socket.send(report, this.ffmpegPort + 1, "127.0.0.1");
  }
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
