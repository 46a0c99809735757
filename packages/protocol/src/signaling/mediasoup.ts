import { z } from "zod";

/*
 * Structural schemas for the mediasoup objects that cross the wire. They bound sizes and types;
 * mediasoup's own ORTC validation then checks the semantics before anything reaches a worker.
 * Objects are loose because mediasoup-client adds fields (e.g. encodings[].scalabilityMode).
 */

const zShortString = z.string().max(256);
const zParameters = z.record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()]));
const zRtcpFeedback = z.array(z.looseObject({ type: zShortString, parameter: zShortString.optional() })).max(32);

export const ZMediaKindSchema = z.enum(["audio", "video"]);

export const ZRtpCodecCapabilitySchema = z.looseObject({
  kind: ZMediaKindSchema,
  mimeType: z.string().max(64).regex(/^(audio|video)\/[\w.-]+$/),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  clockRate: z.number().int().positive(),
  channels: z.number().int().min(1).max(8).optional(),
  parameters: zParameters.optional(),
  rtcpFeedback: zRtcpFeedback.optional(),
});

export const ZRtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(ZRtpCodecCapabilitySchema).max(64).optional(),
  headerExtensions: z
    .array(
      z.looseObject({
        kind: ZMediaKindSchema,
        uri: z.string().max(256),
        preferredId: z.number().int().min(1).max(255),
        preferredEncrypt: z.boolean().optional(),
        direction: z.enum(["sendrecv", "sendonly", "recvonly", "inactive"]).optional(),
      }),
    )
    .max(64)
    .optional(),
});

export const ZRtpParametersSchema = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z
    .array(
      z.looseObject({
        mimeType: z.string().max(64).regex(/^(audio|video)\/[\w.-]+$/),
        payloadType: z.number().int().min(0).max(127),
        clockRate: z.number().int().positive(),
        channels: z.number().int().min(1).max(8).optional(),
        parameters: zParameters.optional(),
        rtcpFeedback: zRtcpFeedback.optional(),
      }),
    )
    .min(1)
    .max(16),
  headerExtensions: z
    .array(
      z.looseObject({
        uri: z.string().max(256),
        id: z.number().int().min(1).max(255),
        encrypt: z.boolean().optional(),
        parameters: zParameters.optional(),
      }),
    )
    .max(32)
    .optional(),
  encodings: z
    .array(
      z.looseObject({
        ssrc: z.number().int().min(0).max(0xffffffff).optional(),
        rid: z.string().max(32).optional(),
        codecPayloadType: z.number().int().min(0).max(127).optional(),
        rtx: z.looseObject({ ssrc: z.number().int().min(0).max(0xffffffff) }).optional(),
        dtx: z.boolean().optional(),
        scalabilityMode: z.string().max(16).optional(),
        scaleResolutionDownBy: z.number().min(1).max(64).optional(),
        maxBitrate: z.number().int().positive().optional(),
      }),
    )
    .max(8)
    .optional(),
  rtcp: z
    .looseObject({ cname: z.string().max(256).optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() })
    .optional(),
});

export const ZDtlsParametersSchema = z.object({
  role: z.enum(["auto", "client", "server"]).optional(),
  fingerprints: z
    .array(
      z.object({
        algorithm: z.enum(["sha-1", "sha-224", "sha-256", "sha-384", "sha-512"]),
        value: z.string().max(256).regex(/^[0-9A-Fa-f:]+$/),
      }),
    )
    .min(1)
    .max(8),
});

/** What a transport's creator needs to build the client side; passed through from mediasoup. */
export const ZIceParametersSchema = z.looseObject({
  usernameFragment: z.string(),
  password: z.string(),
  iceLite: z.boolean().optional(),
});
export const ZIceCandidateSchema = z.looseObject({
  foundation: z.string(),
  priority: z.number(),
  ip: z.string(),
  protocol: z.enum(["udp", "tcp"]),
  port: z.number(),
  type: z.enum(["host", "srflx", "prflx", "relay"]),
  tcpType: z.string().optional(),
});
export const ZIceServerSchema = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
