import { prisma } from "@diemcau/db";
import { withRole } from "@/lib/auth/with-role";
import { addStudent } from "@/lib/courses/add-student";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Enrolls one student, by email, in the teacher's class. */
export const POST = withRole<TContext>(["TEACHER"], async (req, { params, user }) =>
  toApiResponse(async () => addStudent(prisma, (await params).id, user.id, await readJson(req)), 201),
);
