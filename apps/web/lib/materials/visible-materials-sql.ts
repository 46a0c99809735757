import { Prisma } from "@diemcau/db";
import type { TVisibleMaterialsSql } from "@diemcau/search";
import type { TAccessViewer } from "./material-access";

/**
 * visibleMaterialsWhere as SQL, for raw queries (search) over `m` ("Material"): the same rule,
 * checked equal to it and to canViewMaterial per role in search-visible-materials.test.ts. Keep
 * the three in step.
 */
// The course of the event that m's recording belongs to.
const COURSE_OF_M = Prisma.sql`"Recording" r JOIN "Event" e ON e."id" = r."eventId" JOIN "Course" c ON c."id" = e."courseId" WHERE r."id" = m."recordingId"`;

export function visibleMaterialsSql(viewer: TAccessViewer | null): TVisibleMaterialsSql {
  if (!viewer) return Prisma.sql`(m."published" AND m."visibility" = 'PUBLIC')`;
  if (viewer.role === "ADMIN" || viewer.role === "STAFF") return Prisma.sql`TRUE`;
  const published: Prisma.Sql[] = [Prisma.sql`m."visibility" = 'PUBLIC'`];
  if (viewer.role === "TEACHER") {
    published.push(
      Prisma.sql`m."visibility" = 'INTERNAL'`,
      Prisma.sql`(m."visibility" = 'ENROLLED' AND EXISTS (SELECT 1 FROM ${COURSE_OF_M} AND c."teacherId" = ${viewer.id}))`,
    );
  }
  if (viewer.role === "STUDENT") {
    published.push(
      Prisma.sql`(m."visibility" = 'ENROLLED' AND EXISTS (SELECT 1 FROM ${COURSE_OF_M} AND EXISTS (SELECT 1 FROM "Enrollment" en WHERE en."courseId" = c."id" AND en."userId" = ${viewer.id})))`,
    );
  }
  return Prisma.sql`(m."ownerId" = ${viewer.id} OR (m."published" AND (${Prisma.join(published, " OR ")})))`;
}
