import { decode } from "html-entities";
import { z } from "zod";
import { articleHtml } from "./article-html";
import { NewsPublishError, type NewsPublisher, type TNewsArticle, type TPublishedArticle } from "./publisher";

export interface TWordPressConfig {
  /** The site's address (WordPress' "Site Address"), e.g. https://sogddt.quangtri.gov.vn. */
  url: string;
  user: string;
  /** An application password of that user (Users → Profile → Application Passwords). */
  appPassword: string;
  /** Per request; a portal that does not answer within it counts as unreachable. */
  timeoutMs?: number;
}

const ZPostSchema = z.object({
  id: z.number().int(),
  link: z.url(),
  date_gmt: z.string(),
  title: z.object({ rendered: z.string() }),
});
type TPost = z.infer<typeof ZPostSchema>;
const ZUserSchema = z.object({ id: z.number().int() });
const ZMediaSchema = z.object({ id: z.number().int() });

/** Every status an earlier attempt's post may have by now (an editor may have unpublished it). */
const ANY_POST_STATUS = "publish,future,draft,pending,private";
const DEFAULT_TIMEOUT_MS = 30_000;
/** The featured image's slug: the article's key and this tail, so a retry finds the upload too. */
const POSTER_SLUG_TAIL = "-anh";

/**
 * Publishes articles through the WordPress REST API (wp/v2) with an application password
 * (HTTP Basic). The key becomes the post's slug, and the poster's file name (so its slug) is
 * derived from it: before creating either, a retry looks both up, so it never makes a second.
 */
export class WordPressPublisher implements NewsPublisher {
  readonly name = "wordpress";
  readonly #site: URL;
  readonly #authorization: string;
  readonly #timeoutMs: number;

  constructor(config: TWordPressConfig) {
    this.#site = new URL(config.url);
    this.#authorization = `Basic ${Buffer.from(`${config.user}:${config.appPassword.replace(/\s+/g, "")}`).toString("base64")}`;
    this.#timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async publish(article: TNewsArticle, key: string): Promise<TPublishedArticle> {
    // WordPress treats a wrong application password as no login, and would refuse the look-up
    // below with a confusing 400: ask who we are first, which answers 401.
    await this.#request("/wp/v2/users/me", ZUserSchema, {});
    const existing = await this.#findPost(key);
    if (existing) return toPublished(existing);
    const featuredMedia = article.poster ? await this.#ensurePoster(article.poster, `${key}${POSTER_SLUG_TAIL}`) : undefined;
    const created = await this.#request("/wp/v2/posts", ZPostSchema, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        title: article.title,
        content: articleHtml(article),
        excerpt: article.summary ?? "",
        status: "publish",
        slug: key,
        ...(featuredMedia !== undefined ? { featured_media: featuredMedia } : {}),
      }),
    });
    return toPublished(created);
  }

  async #findPost(slug: string): Promise<TPost | null> {
    const posts = await this.#request("/wp/v2/posts", z.array(ZPostSchema), {}, { slug, status: ANY_POST_STATUS, context: "edit" });
    return posts[0] ?? null;
  }

  async #ensurePoster(poster: NonNullable<TNewsArticle["poster"]>, slug: string): Promise<number> {
    const found = await this.#request("/wp/v2/media", z.array(ZMediaSchema), {}, { slug });
    if (found[0]) return found[0].id;
    const extension = poster.fileName.match(/\.[a-z0-9]+$/i)?.[0] ?? "";
    const uploaded = await this.#request("/wp/v2/media", ZMediaSchema, {
      method: "POST",
      headers: { "content-type": poster.contentType, "content-disposition": `attachment; filename="${slug}${extension}"` },
      body: poster.bytes,
    });
    return uploaded.id;
  }

  /** One REST call (by `rest_route`, which works with or without pretty permalinks). */
  async #request<S extends z.ZodType>(route: string, schema: S, init: RequestInit, query: Record<string, string> = {}): Promise<z.infer<S>> {
    const url = new URL(this.#site);
    url.pathname = `${url.pathname.replace(/\/+$/, "")}/`;
    url.searchParams.set("rest_route", route);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: { ...init.headers, authorization: this.#authorization, accept: "application/json" },
        redirect: "error",
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new NewsPublishError("PORTAL_UNREACHABLE", `${init.method ?? "GET"} ${route}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw new NewsPublishError(codeForStatus(response.status), `${init.method ?? "GET"} ${route}: HTTP ${response.status} ${text.slice(0, 300)}`);
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) throw new NewsPublishError("PORTAL_ERROR", `${route}: unexpected answer ${text.slice(0, 300)}`);
    return parsed.data;
  }
}

function codeForStatus(status: number): "PORTAL_AUTH_FAILED" | "PORTAL_REJECTED" | "PORTAL_ERROR" {
  if (status === 401 || status === 403) return "PORTAL_AUTH_FAILED";
  // Too many requests and server errors may pass; anything else the portal refuses for good.
  if (status === 408 || status === 429 || status >= 500) return "PORTAL_ERROR";
  return "PORTAL_REJECTED";
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toPublished(post: TPost): TPublishedArticle {
  return {
    remoteId: String(post.id),
    url: post.link,
    // WordPress renders titles with HTML entities (&#8211; and the like).
    title: decode(post.title.rendered),
    // WordPress gives GMT without a zone designator.
    publishedAt: new Date(`${post.date_gmt}Z`),
  };
}
