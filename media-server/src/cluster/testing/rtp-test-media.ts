import { spawn, type ChildProcess } from "node:child_process";
import { createSocket, type Socket } from "node:dgram";
import type { types } from "mediasoup";

export type TPlainIngest = { ip: string; rtpPort: number; rtcpPort: number };

/** What ffmpeg's RTP muxer sends below: Opus and single-layer VP8 with fixed SSRCs. */
export function senderParameters(index: number): { audio: types.RtpParameters; video: types.RtpParameters } {
  const ssrc = 22_000_000 + index * 2;
  return {
    audio: {
      mid: "0",
      codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2, parameters: { "sprop-stereo": 1 } }],
      headerExtensions: [],
      encodings: [{ ssrc }],
      rtcp: { cname: `sender-${index}` },
    },
    video: {
      mid: "1",
      codecs: [{ mimeType: "video/VP8", payloadType: 101, clockRate: 90000, rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }] }],
      headerExtensions: [],
      encodings: [{ ssrc: ssrc + 1 }],
      rtcp: { cname: `sender-${index}` },
    },
  };
}

/**
 * A synthetic participant: ffmpeg encodes a tone and a 320×180 test pattern live and sends them
 * as RTP to two plain transports (a real encoder, so keyframes come as a camera's would).
 */
export function startRtpSender(index: number, audio: TPlainIngest, video: TPlainIngest): ChildProcess {
  const params = senderParameters(index);
  const out = (target: TPlainIngest) => `rtp://${target.ip}:${target.rtpPort}?rtcpport=${target.rtcpPort}&pkt_size=1200`;
  return spawn(
    "ffmpeg",
    [
      "-v", "error", "-nostdin",
      "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
      "-re", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=15",
      "-map", "0:a", "-c:a", "libopus", "-b:a", "32k", "-ac", "2",
      "-ssrc", String(params.audio.encodings![0]!.ssrc), "-payload_type", "100", "-f", "rtp", out(audio),
      "-map", "1:v", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "150k", "-g", "15",
      "-ssrc", String(params.video.encodings![0]!.ssrc), "-payload_type", "101", "-f", "rtp", out(video),
    ],
    { stdio: "ignore" },
  );
}

/** A UDP socket that counts the RTP packets it receives, by SSRC. */
export class RtpSink {
  readonly #socket: Socket;
  readonly packets = new Map<number, number>();

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on("message", (message) => {
      if (message.length < 12 || message[1]! >= 200 && message[1]! <= 204) return;
      const ssrc = message.readUInt32BE(8);
      this.packets.set(ssrc, (this.packets.get(ssrc) ?? 0) + 1);
    });
  }

  static async open(ip: string): Promise<RtpSink> {
    const socket = createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, ip, () => resolve()));
    return new RtpSink(socket);
  }

  get port(): number {
    return this.#socket.address().port;
  }

  count(ssrc: number): number {
    return this.packets.get(ssrc) ?? 0;
  }

  close(): void {
    this.#socket.close();
  }
}
