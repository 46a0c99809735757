import { z } from "zod";

/**
 * oEmbed 1.0 (https://oembed.com/) as this suite provides it: a material's player in an iframe.
 * The query a consumer sends; sizes are the largest the consumer has room for.
 */
export const ZOEmbedQuerySchema = z.object({
  url: z.string().trim().min(1).max(2048),
  format: z.string().trim().toLowerCase().default("json"),
  maxwidth: z.coerce.number().int().positive().max(10_000).optional(),
  maxheight: z.coerce.number().int().positive().max(10_000).optional(),
});
export type TOEmbedQuery = z.infer<typeof ZOEmbedQuerySchema>;

/** The only format served: `format=xml` is answered 501, as the specification asks. */
export const OEMBED_FORMAT = "json";

/** The player's size when the consumer sets no bounds: 16:9, like every recording. */
export const OEMBED_PLAYER_SIZE = { width: 640, height: 360 } as const;
const MIN_WIDTH = 160;

/** What a consumer caches the answer for: titles and posters change rarely. */
const CACHE_AGE_SECONDS = 3600;

export const ZOEmbedVideoSchema = z.object({
  version: z.literal("1.0"),
  type: z.literal("video"),
  title: z.string(),
  provider_name: z.string(),
  provider_url: z.url(),
  html: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  thumbnail_url: z.url().optional(),
  thumbnail_width: z.number().int().positive().optional(),
  thumbnail_height: z.number().int().positive().optional(),
  cache_age: z.number().int().nonnegative(),
});
export type TOEmbedVideo = z.infer<typeof ZOEmbedVideoSchema>;

export interface TOEmbedSource {
  title: string;
  /** The embed page (/nhung/<id>) the iframe shows. */
  embedUrl: string;
  providerName: string;
  providerUrl: string;
  /** The poster, with its size (the specification wants all three or none). */
  thumbnail: { url: string; width: number; height: number } | null;
}

/** The 16:9 player size that fits the consumer's bounds (never below a usable width). */
export function fitPlayerSize(maxwidth?: number, maxheight?: number): { width: number; height: number } {
  const ratio = OEMBED_PLAYER_SIZE.height / OEMBED_PLAYER_SIZE.width;
  let width: number = OEMBED_PLAYER_SIZE.width;
  if (maxwidth !== undefined) width = Math.min(width, maxwidth);
  if (maxheight !== undefined) width = Math.min(width, Math.floor(maxheight / ratio));
  width = Math.max(MIN_WIDTH, width);
  return { width, height: Math.round(width * ratio) };
}

/** The oEmbed `video` answer for one material. */
export function buildVideoOEmbed(source: TOEmbedSource, query: Pick<TOEmbedQuery, "maxwidth" | "maxheight"> = {}): TOEmbedVideo {
  const { width, height } = fitPlayerSize(query.maxwidth, query.maxheight);
  const thumbnail = source.thumbnail
    ? { thumbnail_url: source.thumbnail.url, thumbnail_width: source.thumbnail.width, thumbnail_height: source.thumbnail.height }
    : {};
  return {
    version: "1.0",
    type: "video",
    title: source.title,
    provider_name: source.providerName,
    provider_url: source.providerUrl,
    html: embedIframeHtml(source.embedUrl, source.title, width, height),
    width,
    height,
    ...thumbnail,
    cache_age: CACHE_AGE_SECONDS,
  };
}

/** The iframe a consumer pastes into its page. */
export function embedIframeHtml(embedUrl: string, title: string, width: number, height: number): string {
  return (
    `<iframe src="${escapeAttribute(embedUrl)}" width="${width}" height="${height}" title="${escapeAttribute(title)}" ` +
    `frameborder="0" allow="fullscreen; picture-in-picture" allowfullscreen></iframe>`
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
