// The seed's demo accounts as tests and benchmarks use them (no Playwright imports, so benchmarks
// can share it). Every demo account must choose its own password at its first sign-in; the
// "setup" project of playwright.config.ts does that once per account through the real form.
export { DEMO_PASSWORD } from "@diemcau/db/seed";

/** The password tests and benchmarks choose for a demo account at its first sign-in. */
export const CHOSEN_PASSWORD = "Chín điểm cầu nối một hội trường";

/** The seed's demo accounts, one per role, and where each lands after signing in. */
export const ACCOUNTS = {
  admin: { email: "admin@diemcau.local", role: "ADMIN", home: "/quan-tri" },
  staff: { email: "canbo@diemcau.local", role: "STAFF", home: "/can-bo" },
  teacher: { email: "gv.lan@diemcau.local", role: "TEACHER", home: "/giao-vien" },
  student: { email: "hs.minh@diemcau.local", role: "STUDENT", home: "/hoc-sinh" },
  bridgePoint: { email: "dongha@diemcau.local", role: "BRIDGE_POINT", home: "/diem-cau" },
} as const;
export type TAccountName = keyof typeof ACCOUNTS;

export const CHANGE_PASSWORD_PATH = "/tai-khoan/mat-khau";
