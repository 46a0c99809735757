import type { TNewsArticle } from "./publisher";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The article's body: the basis line, the summary (a paragraph per blank-line-separated block)
 * and the material's URL alone on its own line, which WordPress (and other portals that follow
 * oEmbed discovery) turns into the embedded player.
 */
export function articleHtml(article: Pick<TNewsArticle, "basisLine" | "summary" | "materialUrl">): string {
  const paragraphs = [article.basisLine, ...(article.summary ?? "").split(/\n\s*\n/)]
    .map((text) => text?.trim())
    .filter((text): text is string => !!text)
    .map((text) => `<p>${escapeHtml(text).replace(/\n/g, "<br>")}</p>`);
  return [...paragraphs, escapeHtml(article.materialUrl), ""].join("\n\n");
}
