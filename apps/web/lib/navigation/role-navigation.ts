import type { Role } from "@diemcau/db";

/** Keys under "nav" in messages/*.json. */
export type TNavKey = "adminHome" | "staffHome" | "bridgePoints" | "teacherHome" | "studentHome" | "bridgePointHome";

export interface TNavItem {
  href: string;
  key: TNavKey;
}

export const ROLE_NAVIGATION: Record<Role, TNavItem[]> = {
  ADMIN: [
    { href: "/quan-tri", key: "adminHome" },
    { href: "/can-bo", key: "staffHome" },
    { href: "/can-bo/diem-cau", key: "bridgePoints" },
  ],
  STAFF: [
    { href: "/can-bo", key: "staffHome" },
    { href: "/can-bo/diem-cau", key: "bridgePoints" },
  ],
  TEACHER: [{ href: "/giao-vien", key: "teacherHome" }],
  STUDENT: [{ href: "/hoc-sinh", key: "studentHome" }],
  BRIDGE_POINT: [{ href: "/diem-cau", key: "bridgePointHome" }],
};
