import type { Db } from "@diemcau/db";
import type { TAccessViewer } from "./material-access";

export type TMaterialWhere = NonNullable<NonNullable<Parameters<Db["material"]["findMany"]>[0]>["where"]>;

/** The Prisma filter equal to canViewMaterial, for lists (keep both in step). */
export function visibleMaterialsWhere(viewer: TAccessViewer | null): TMaterialWhere {
  if (!viewer) return { published: true, visibility: "PUBLIC" };
  if (viewer.role === "ADMIN" || viewer.role === "STAFF") return {};
  const published: TMaterialWhere[] = [{ visibility: "PUBLIC" }];
  if (viewer.role === "TEACHER") {
    published.push({ visibility: "INTERNAL" }, { visibility: "ENROLLED", recording: { event: { course: { teacherId: viewer.id } } } });
  }
  if (viewer.role === "STUDENT") {
    published.push({ visibility: "ENROLLED", recording: { event: { course: { enrollments: { some: { userId: viewer.id } } } } } });
  }
  return { OR: [{ ownerId: viewer.id }, { published: true, OR: published }] };
}
