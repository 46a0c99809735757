import type { types } from "mediasoup";

const TRANSPORT_WIDE_CC = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

/**
 * The router's RTP capabilities as browsers load them (getRouterRtpCapabilities), with audio left
 * out of the browsers' send-side bandwidth estimation: no transport-wide-cc extension and no
 * transport-cc feedback for Opus. With them, a browser that sends only its microphone (camera off,
 * as most students) probes its uplink with RTP padding on its Opus stream, measured at about
 * 30 kbit/s beside a 24 kbit/s voice on a lossy link, and mediasoup 3.12 forwards padding-only
 * packets to every consumer (later versions drop them). Each listener then receives more than
 * twice the voice, which a 48 kbit/s audio-only link cannot carry. Video keeps its estimation.
 */
export function browserRtpCapabilities(router: types.RtpCapabilities): types.RtpCapabilities {
  return {
    ...router,
    codecs: router.codecs?.map((codec) =>
      codec.kind === "audio" ? { ...codec, rtcpFeedback: (codec.rtcpFeedback ?? []).filter((fb) => fb.type !== "transport-cc") } : codec,
    ),
    headerExtensions: router.headerExtensions?.filter((ext) => !(ext.kind === "audio" && ext.uri === TRANSPORT_WIDE_CC)),
  };
}
