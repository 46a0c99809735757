/** What a news article about a material carries to the portal. */
export interface TNewsArticle {
  title: string;
  summary: string | null;
  /** The material's page. Alone on a line, so a portal with oEmbed discovery embeds the player there. */
  materialUrl: string;
  /** "Căn cứ Công văn số …" (basis-line.ts), or null when no document is linked. */
  basisLine: string | null;
  /** The poster, as the article's featured image. */
  poster: { bytes: Uint8Array<ArrayBuffer>; fileName: string; contentType: string } | null;
}

export interface TPublishedArticle {
  /** The article's id on the portal. */
  remoteId: string;
  url: string;
  title: string;
  publishedAt: Date;
}

/**
 * A news portal that takes articles (one plugin per portal engine). `publish` is idempotent by
 * key: a call with a key an earlier call already published returns that article instead of
 * making a second, even when the earlier call failed after the portal had saved it.
 */
export interface NewsPublisher {
  readonly name: string;
  publish(article: TNewsArticle, key: string): Promise<TPublishedArticle>;
}

export type TNewsPublishErrorCode = "PORTAL_UNREACHABLE" | "PORTAL_AUTH_FAILED" | "PORTAL_REJECTED" | "PORTAL_ERROR";

const MESSAGES: Record<TNewsPublishErrorCode, string> = {
  PORTAL_UNREACHABLE: "Không kết nối được cổng thông tin điện tử.",
  PORTAL_AUTH_FAILED: "Cổng thông tin từ chối tài khoản đăng bài (kiểm tra tên đăng nhập và mật khẩu ứng dụng).",
  PORTAL_REJECTED: "Cổng thông tin từ chối bài viết.",
  PORTAL_ERROR: "Cổng thông tin gặp lỗi khi nhận bài viết.",
};

/** Only a portal that was unreachable or failed on its side may take the same request later. */
const RETRYABLE: ReadonlySet<TNewsPublishErrorCode> = new Set(["PORTAL_UNREACHABLE", "PORTAL_ERROR"]);

/** A publication that failed, with a stable code, a Vietnamese message and whether a retry can help. */
export class NewsPublishError extends Error {
  readonly messageVi: string;
  readonly retryable: boolean;
  constructor(
    readonly code: TNewsPublishErrorCode,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "NewsPublishError";
    this.messageVi = MESSAGES[code];
    this.retryable = RETRYABLE.has(code);
  }
}
