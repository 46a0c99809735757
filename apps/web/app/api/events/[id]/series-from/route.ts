import { prisma } from "@diemcau/db";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { editSeriesFrom } from "@/lib/schedule/edit-series-from";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Changes a series of lessons from a given date on (staff: any; teachers: their own). */
export const POST = withRole<TContext>(["ADMIN", "STAFF", "TEACHER"], async (request, { params, user }) =>
  toApiResponse(async () =>
    editSeriesFrom(prisma, (await params).id, user, await readJson(request), {
      enqueueMail: (job) => enqueueJob("schedule.mail", job),
      baseUrl: publicBaseUrl(request.headers),
    }),
  ),
);
