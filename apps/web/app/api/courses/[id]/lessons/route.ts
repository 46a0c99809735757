import { prisma } from "@diemcau/db";
import { withRole } from "@/lib/auth/with-role";
import { createLessonSeries } from "@/lib/schedule/create-lesson-series";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Plans weekly online lessons for the teacher's class. */
export const POST = withRole<TContext>(["TEACHER"], async (req, { params, user }) =>
  toApiResponse(async () => createLessonSeries(prisma, (await params).id, user.id, await readJson(req)), 201),
);
