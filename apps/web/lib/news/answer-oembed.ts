import { buildVideoOEmbed, materialIdFromUrl, OEMBED_FORMAT, publicUrls, ZOEmbedQuerySchema } from "@diemcau/connectors/news";
import type { Db } from "@diemcau/db";
import type { Storage } from "@diemcau/storage";
import { parseInput } from "../api/parse-input";
import { AppError } from "../errors/app-error";
import { downloadMatchesTrim } from "../materials/material-access";
import { findEmbeddableMaterial } from "./find-embeddable-material";
import { posterSize } from "./poster-size";

/** One answer for unknown, unpublished and restricted materials alike: it never tells which. */
function noSuchMaterial(): AppError {
  return new AppError("OEMBED_NOT_FOUND", "Không có học liệu công khai nào ở địa chỉ này.", 404);
}

/**
 * GET /oembed?url=<material page>&format=json (oEmbed 1.0): the player of a published public
 * material as type "video". Another format is 501, as the specification asks.
 */
export async function answerOEmbed(
  db: Db,
  media: Storage,
  { searchParams, baseUrl, providerName }: { searchParams: URLSearchParams; baseUrl: string; providerName: string },
): Promise<Response> {
  const query = parseInput(ZOEmbedQuerySchema, Object.fromEntries(searchParams));
  if (query.format !== OEMBED_FORMAT) throw new AppError("OEMBED_FORMAT_UNSUPPORTED", "Chỉ hỗ trợ định dạng json.", 501);
  const materialId = materialIdFromUrl(query.url, baseUrl);
  const material = materialId ? await findEmbeddableMaterial(db, materialId) : null;
  if (!material) throw noSuchMaterial();
  // The poster is made again after a new trim and not served until then.
  const size = material.posterKey && downloadMatchesTrim(material) ? await posterSize(media, material.posterKey) : null;
  const answer = buildVideoOEmbed(
    {
      title: material.title,
      embedUrl: publicUrls.embed(baseUrl, material.id),
      providerName,
      providerUrl: `${baseUrl}/`,
      thumbnail: size ? { url: publicUrls.poster(baseUrl, material.id), ...size } : null,
    },
    query,
  );
  return Response.json(answer, {
    headers: {
      "cache-control": `public, max-age=${answer.cache_age}`,
      // Consumers may ask from a browser too.
      "access-control-allow-origin": "*",
    },
  });
}
