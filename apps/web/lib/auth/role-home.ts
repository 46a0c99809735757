import type { Role } from "@diemcau/db";

/** Where each role lands after signing in, and where "/" sends it. */
export const ROLE_HOME: Record<Role, string> = {
  ADMIN: "/quan-tri",
  STAFF: "/can-bo",
  TEACHER: "/giao-vien",
  STUDENT: "/hoc-sinh",
  BRIDGE_POINT: "/diem-cau",
};
