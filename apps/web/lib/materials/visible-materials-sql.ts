import { Prisma } from "@diemcau/db";
import type { TVisibleMaterialsSql } from "@diemcau/search";
import type { TAccessViewer } from "./material-access";

// Recordings of the events of courses: written as `m."recordingId" IN (…)`, a set PostgreSQL makes
// once per query and looks each material up in, not a subquery run again for every material.
const RECORDINGS_OF_COURSES = Prisma.sql`SELECT r."id" FROM "Recording" r JOIN "Event" e ON e."id" = r."eventId" JOIN "Course" c ON c."id" = e."courseId"`;

/**
 * visibleMaterialsWhere as SQL, for raw queries (search) over `m` ("Material"): the same rule,
 * checked equal to it and to canViewMaterial per role in search-visible-materials.test.ts. Keep
 * the three in step.
 */
export function visibleMaterialsSql(viewer: TAccessViewer | null): TVisibleMaterialsSql {
  if (!viewer) return Prisma.sql`(m."published" AND m."visibility" = 'PUBLIC')`;
  if (viewer.role === "ADMIN" || viewer.role === "STAFF") return Prisma.sql`TRUE`;
  const published: Prisma.Sql[] = [Prisma.sql`m."visibility" = 'PUBLIC'`];
  if (viewer.role === "TEACHER") {
    published.push(
      Prisma.sql`m."visibility" = 'INTERNAL'`,
      Prisma.sql`(m."visibility" = 'ENROLLED' AND m."recordingId" IN (${RECORDINGS_OF_COURSES} WHERE c."teacherId" = ${viewer.id}))`,
    );
  }
  if (viewer.role === "STUDENT") {
    published.push(
      Prisma.sql`(m."visibility" = 'ENROLLED' AND m."recordingId" IN (${RECORDINGS_OF_COURSES} JOIN "Enrollment" en ON en."courseId" = c."id" WHERE en."userId" = ${viewer.id}))`,
    );
  }
  return Prisma.sql`(m."ownerId" = ${viewer.id} OR (m."published" AND (${Prisma.join(published, " OR ")})))`;
}
