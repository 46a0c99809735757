import { randomBytes } from "node:crypto";
import type { types } from "mediasoup";

export const LOOPBACK = "127.0.0.1";

/**
 * What ffmpeg's RTP muxer sends for one synthetic participant: Opus, and VP8 as one stream or as
 * `videoLayers` simulcast streams (lowest first, one SSRC each); the SSRCs differ per sender.
 */
export function senderRtpParameters(
  index: number,
  videoLayers = 1,
): { audio: types.RtpParameters; video: types.RtpParameters; audioSsrc: number; videoSsrcs: number[] } {
  const audioSsrc = 11_000_000 + index * 4;
  const videoSsrcs = Array.from({ length: videoLayers }, (_, layer) => audioSsrc + 1 + layer);
  return {
    audioSsrc,
    videoSsrcs,
    audio: {
      codecs: [{ mimeType: "audio/opus", payloadType: 100, clockRate: 48000, channels: 2, parameters: { "sprop-stereo": 1 } }],
      encodings: [{ ssrc: audioSsrc }],
    },
    video: {
      codecs: [{ mimeType: "video/VP8", payloadType: 101, clockRate: 90000 }],
      encodings: videoSsrcs.map((ssrc) => ({ ssrc })),
    },
  };
}

/**
 * An ingest transport that learns ffmpeg's address from its first packet (comedia). RTCP stays on
 * its own port because ffmpeg sends RTCP from a second socket, which would otherwise hijack the tuple.
 */
export const SEND_TRANSPORT_OPTIONS: types.PlainTransportOptions = { listenIp: LOOPBACK, rtcpMux: false, comedia: true };

/**
 * A receiving participant's transport: SRTP-encrypted like a WebRTC receiver's, so the worker pays
 * the per-packet encryption it pays in a real meeting. The sink never decrypts, so the key is random.
 */
export const RECV_TRANSPORT_OPTIONS: types.PlainTransportOptions = {
  listenIp: LOOPBACK,
  rtcpMux: true,
  comedia: false,
  enableSrtp: true,
  srtpCryptoSuite: "AES_CM_128_HMAC_SHA1_80",
};

export function recvConnectParams(sinkPort: number): { ip: string; port: number; srtpParameters: types.SrtpParameters } {
  return {
    ip: LOOPBACK,
    port: sinkPort,
    srtpParameters: { cryptoSuite: "AES_CM_128_HMAC_SHA1_80", keyBase64: randomBytes(30).toString("base64") },
  };
}

/**
 * A consumer the benchmark follows: which producer feeds it, the SSRC it sends to its sink, and
 * how many layers that producer receives (a simulcast consumer forwards one of them).
 */
export type TForwardedStream = { producerId: string; ssrc: number; producerLayers: number };

export type TIngestPorts = { rtpPort: number; rtcpPort: number };
export type TSenderPorts = { audio: TIngestPorts; video: TIngestPorts };

export function ingestPortsOf(transport: types.PlainTransport): TIngestPorts {
  const rtcpPort = transport.rtcpTuple?.localPort;
  if (rtcpPort === undefined) throw new Error("ingest transport has no RTCP port");
  return { rtpPort: transport.tuple.localPort, rtcpPort };
}

/** The two systems under test expose the same operations, so the benchmark drives them identically. */
export interface TForwarder {
  readonly label: string;
  readonly workerPid: number;
  /** Opens one sender's ingest transports and producers (simulcast when videoLayers > 1); ffmpeg then sends to the returned ports. */
  addSender(index: number, videoLayers: number): Promise<TSenderPorts>;
  /** Adds one receiving participant that consumes every producer, sending to the given sink port. */
  addReceiver(index: number, sinkPort: number): Promise<TForwardedStream[]>;
  /**
   * Simulcast only: asks every video consumer for another rendered size, so the worker switches
   * layers as in a meeting whose tiles change.
   */
  switchLayers?(tick: number): Promise<void>;
  /** Simulcast only: layer changes the consumers have reported so far (consumerLayersChanged). */
  readonly layerChanges?: number;
  /** Per producer: packets the worker received, and those it saw missing from the sequence numbers. */
  producerTallies(): Promise<Map<string, TProducerTally>>;
  close(): Promise<void>;
}

export function ssrcOf(rtpParameters: types.RtpParameters): number {
  const ssrc = rtpParameters.encodings?.[0]?.ssrc;
  if (ssrc === undefined) throw new Error("consumer has no SSRC");
  return ssrc;
}

export type TProducerTally = { received: number; lost: number };

export async function producerTalliesOf(producers: types.Producer[]): Promise<Map<string, TProducerTally>> {
  const result = new Map<string, TProducerTally>();
  for (const producer of producers) {
    const stats = await producer.getStats();
    result.set(producer.id, {
      received: stats.reduce((sum, s) => sum + (s.packetCount ?? 0), 0),
      lost: stats.reduce((sum, s) => sum + (s.packetsLost ?? 0), 0),
    });
  }
  return result;
}
