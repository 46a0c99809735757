import { isNewsPublishingEnabled } from "@diemcau/connectors/news";
import { prisma } from "@diemcau/db";
import { toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { getConfig } from "@/lib/config";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { requestNewsPublication } from "@/lib/news/request-news-publication";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Staff publish a news article about the material to the portal (lib/news/request-news-publication.ts). */
export const POST = withRole<TContext>(["ADMIN", "STAFF"], async (_request, { params, user }) => {
  const { id } = await params;
  return toApiResponse(
    () =>
      requestNewsPublication(prisma, id, user, {
        enabled: isNewsPublishingEnabled(getConfig()),
        enqueue: (newsLinkId) => enqueueJob("news.publish", { newsLinkId }),
      }),
    202,
  );
});
