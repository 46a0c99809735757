import type { Role } from "@diemcau/db";

/** Keys under "nav" in messages/*.json. */
export type TNavKey = "adminHome" | "staffHome" | "bridgePoints" | "teacherHome" | "studentHome" | "bridgePointHome" | "account" | "schedule" | "classes" | "materials" | "accounts" | "auditLog" | "statistics" | "serviceTokens";

export interface TNavItem {
  href: string;
  key: TNavKey;
}

export const ROLE_NAVIGATION: Record<Role, TNavItem[]> = {
  ADMIN: [
    { href: "/quan-tri", key: "adminHome" },
    { href: "/can-bo", key: "staffHome" },
    { href: "/can-bo/diem-cau", key: "bridgePoints" },
    { href: "/lich", key: "schedule" },
    { href: "/hoc-lieu", key: "materials" },
    { href: "/quan-tri/tai-khoan", key: "accounts" },
    { href: "/quan-tri/nhat-ky", key: "auditLog" },
    { href: "/thong-ke", key: "statistics" },
    { href: "/quan-tri/ma-truy-cap", key: "serviceTokens" },
    { href: "/tai-khoan", key: "account" },
  ],
  STAFF: [
    { href: "/can-bo", key: "staffHome" },
    { href: "/can-bo/diem-cau", key: "bridgePoints" },
    { href: "/lich", key: "schedule" },
    { href: "/hoc-lieu", key: "materials" },
    { href: "/quan-tri/tai-khoan", key: "accounts" },
    { href: "/quan-tri/nhat-ky", key: "auditLog" },
    { href: "/thong-ke", key: "statistics" },
    { href: "/tai-khoan", key: "account" },
  ],
  TEACHER: [
    { href: "/giao-vien", key: "teacherHome" },
    { href: "/lop-hoc", key: "classes" },
    { href: "/lich", key: "schedule" },
    { href: "/hoc-lieu", key: "materials" },
    { href: "/tai-khoan", key: "account" },
  ],
  STUDENT: [
    { href: "/hoc-sinh", key: "studentHome" },
    { href: "/lich", key: "schedule" },
    { href: "/hoc-lieu", key: "materials" },
    { href: "/tai-khoan", key: "account" },
  ],
  BRIDGE_POINT: [
    { href: "/diem-cau", key: "bridgePointHome" },
    { href: "/lich", key: "schedule" },
    { href: "/hoc-lieu", key: "materials" },
    { href: "/tai-khoan", key: "account" },
  ],
};
