import { prisma } from "@diemcau/db";
import { z } from "zod";
import { withRole } from "@/lib/auth/with-role";
import { createConference } from "@/lib/schedule/create-conference";
import { listSchedule } from "@/lib/schedule/list-schedule";
import { parseInput } from "@/lib/api/parse-input";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";

export const dynamic = "force-dynamic";

const ALL_ROLES = ["ADMIN", "STAFF", "TEACHER", "STUDENT", "BRIDGE_POINT"] as const;
const MAX_RANGE_MS = 92 * 86_400_000;

const ZRangeQuerySchema = z
  .object({ from: z.coerce.date({ error: "Tham số from không hợp lệ." }), to: z.coerce.date({ error: "Tham số to không hợp lệ." }) })
  .refine((q) => q.to > q.from && q.to.getTime() - q.from.getTime() <= MAX_RANGE_MS, "Khoảng thời gian phải dương và không quá 92 ngày.");

/** The viewer's schedule between two instants (ISO 8601), recurring lessons expanded. */
export const GET = withRole(ALL_ROLES, (req, { user }) =>
  toApiResponse(async () => {
    const { from, to } = parseInput(ZRangeQuerySchema, Object.fromEntries(req.nextUrl.searchParams));
    return { items: await listSchedule(prisma, user, from, to) };
  }),
);

/** Schedules a conference. */
export const POST = withRole(["ADMIN", "STAFF"], async (req) =>
  toApiResponse(async () => createConference(prisma, await readJson(req)), 201),
);
