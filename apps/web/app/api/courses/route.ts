import { prisma } from "@diemcau/db";
import { withRole } from "@/lib/auth/with-role";
import { createCourse } from "@/lib/courses/create-course";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";

export const dynamic = "force-dynamic";

/** A teacher opens a class. */
export const POST = withRole(["TEACHER"], async (req, { user }) =>
  toApiResponse(async () => createCourse(prisma, user.id, await readJson(req)), 201),
);
