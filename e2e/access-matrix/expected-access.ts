import type { TMatrixFixtures, TWho } from "./matrix-fixtures";

// Who may use each page and route handler of apps/web/app: the one place the access rules are
// written down as a table. e2e/access-matrix.spec.ts asks every route below as every identity and
// fails on any difference (and on any route of the app missing here).
//
// Identities (matrix-fixtures.ts): ADMIN, STAFF (department staff, host of the conference),
// TEACHER (teaches `course`, hosts `lesson`, owns the materials), STUDENT (enrolled in `course`),
// BRIDGE_POINT (Đông Hà, invited to the conference), GUEST (an invite link to the conference)
// and ANONYMOUS.

export interface TAccessCase {
  /** What the request is about, when a route is asked about several objects. */
  about?: string;
  /** The identities that get in; everyone else must be refused. */
  allow: readonly TWho[];
  /** Path and query; the pattern itself for a route without parameters. */
  url?: (f: TMatrixFixtures, who: TWho) => string | Promise<string>;
  /** JSON body of a POST or PATCH ({} when absent). */
  json?: (f: TMatrixFixtures, who: TWho) => unknown;
  /** A multipart body instead of JSON. */
  multipart?: (f: TMatrixFixtures, who: TWho) => Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
  /** A server action's arguments; it is posted to the page at `url`, as the browser does. */
  actionArgs?: (f: TMatrixFixtures, who: TWho, url: string) => unknown[];
  /** A server action that takes a form (a form's action): its fields. */
  actionForm?: Record<string, string>;
}

const SIGNED_IN: readonly TWho[] = ["ADMIN", "STAFF", "TEACHER", "STUDENT", "BRIDGE_POINT"];
const EVERYONE: readonly TWho[] = [...SIGNED_IN, "GUEST", "ANONYMOUS"];
const NOBODY: readonly TWho[] = [];
const STAFF: readonly TWho[] = ["ADMIN", "STAFF"];
const UPLOADERS: readonly TWho[] = ["ADMIN", "STAFF", "TEACHER"];

/** A material's four visibilities; editors (staff and TEACHER, the owner) always see it. */
function byVisibility(url: (id: string) => string, set: "materials" | "signedMaterials" = "materials"): TAccessCase[] {
  return [
    { about: "a published PUBLIC material", allow: EVERYONE, url: (f) => url(f[set].public) },
    { about: "a published INTERNAL material", allow: ["ADMIN", "STAFF", "TEACHER"], url: (f) => url(f[set].internal) },
    { about: "a published ENROLLED material of the class", allow: ["ADMIN", "STAFF", "TEACHER", "STUDENT"], url: (f) => url(f[set].enrolled) },
    { about: "an unpublished material", allow: ["ADMIN", "STAFF", "TEACHER"], url: (f) => url(f[set].unpublished) },
  ];
}

/** Published PUBLIC materials only, for the news portal: anyone may; nobody gets the others. */
function portalOnly(url: (f: TMatrixFixtures, id: string) => string): TAccessCase[] {
  return [
    { about: "a published PUBLIC material", allow: EVERYONE, url: (f) => url(f, f.materials.public) },
    { about: "a published INTERNAL material", allow: NOBODY, url: (f) => url(f, f.materials.internal) },
    { about: "an unpublished material", allow: NOBODY, url: (f) => url(f, f.materials.unpublished) },
  ];
}

/** A weekly change to TEACHER's lesson or another teacher's: staff change any, teachers their own. */
function byLessonOwner(path: (id: string) => string, json: () => unknown): TAccessCase[] {
  return [
    { about: "the teacher's lesson", allow: UPLOADERS, url: (f) => path(f.lesson), json },
    { about: "another teacher's lesson", allow: STAFF, url: (f) => path(f.otherLesson), json },
  ];
}

/** What only a material's editors may do: staff, and TEACHER for the material TEACHER owns. */
function byMaterialEditor(path: (id: string) => string, json?: () => unknown): TAccessCase[] {
  return [
    { about: "the teacher's material", allow: UPLOADERS, url: (f) => path(f.materials.internal), json },
    { about: "another teacher's material", allow: STAFF, url: (f) => path(f.otherMaterial), json },
  ];
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The conference (STAFF hosts, Đông Hà invited) and the lesson (TEACHER's class, STUDENT enrolled). */
function byEvent(url: (id: string) => string, allow: { conference: readonly TWho[]; lesson: readonly TWho[] }): TAccessCase[] {
  return [
    { about: "the conference", allow: allow.conference, url: (f) => url(f.conference) },
    { about: "the lesson", allow: allow.lesson, url: (f) => url(f.lesson) },
  ];
}

const csvFile = (text: string) => ({ name: "danh-sach.csv", mimeType: "text/csv", buffer: Buffer.from(text) });

export const EXPECTED_ACCESS: Record<string, readonly TAccessCase[]> = {
  // Pages
  "GET /": [{ about: "sends each role home", allow: SIGNED_IN }],
  "GET /can-bo": [{ allow: STAFF }],
  "GET /can-bo/diem-cau": [{ allow: STAFF }],
  "GET /dang-nhap": [{ allow: EVERYONE }],
  "GET /dat-lai-mat-khau/[token]": [{ about: "whoever holds the link", allow: EVERYONE, url: (f) => `/dat-lai-mat-khau/${f.resetToken}` }],
  "GET /diem-cau": [{ allow: ["BRIDGE_POINT"] }],
  "GET /giao-vien": [{ allow: ["TEACHER"] }],
  "GET /hoc-lieu": [{ about: "lists what each may watch", allow: EVERYONE }],
  "GET /tim-kiem": [{ about: "finds what each may watch", allow: EVERYONE, url: () => "/tim-kiem?q=ma+tr%E1%BA%ADn" }],
  "GET /api/search": [{ about: "finds what each may watch", allow: EVERYONE, url: () => "/api/search?q=ma+tran" }],
  "GET /hoc-lieu/[id]": byVisibility((id) => `/hoc-lieu/${id}`),
  "GET /hoc-lieu/[id]/xac-minh": byVisibility((id) => `/hoc-lieu/${id}/xac-minh`),
  "GET /nhung/[id]": portalOnly((_f, id) => `/nhung/${id}`),
  "GET /hoc-lieu/[id]/sua": [{ about: "the owner's material", allow: UPLOADERS, url: (f) => `/hoc-lieu/${f.materials.internal}/sua` }],
  "GET /hoc-lieu/tai-len": [{ allow: UPLOADERS }],
  "GET /hoc-sinh": [{ allow: ["STUDENT"] }],
  "GET /khoi-tao/[token]": [{ about: "whoever holds the link", allow: EVERYONE, url: (f) => `/khoi-tao/${f.firstAdminToken}` }],
  "GET /lich": [{ allow: SIGNED_IN }],
  "GET /lop-hoc": [{ allow: ["TEACHER"] }],
  "GET /lop-hoc/[id]": [
    { about: "the teacher's class", allow: ["TEACHER"], url: (f) => `/lop-hoc/${f.course}` },
    { about: "another teacher's class", allow: NOBODY, url: (f) => `/lop-hoc/${f.otherCourse}` },
  ],
  "GET /materials/[id]": [{ about: "an alias that redirects to /hoc-lieu/[id], which checks", allow: EVERYONE, url: (f) => `/materials/${f.materials.enrolled}` }],
  "GET /phong/[eventId]": byEvent((id) => `/phong/${id}`, { conference: ["ADMIN", "STAFF", "BRIDGE_POINT", "GUEST"], lesson: ["TEACHER", "STUDENT"] }).map((c) => ({
    ...c,
    url: async (f, who) => `${await c.url!(f, who)}${who === "GUEST" ? `?moi=${encodeURIComponent(f.invite)}` : ""}`,
  })),
  "GET /quan-tri": [{ allow: ["ADMIN"] }],
  "GET /quan-tri/nhat-ky": [{ about: "each sees the entries of their scope", allow: STAFF }],
  "GET /quan-tri/tai-khoan": [{ allow: STAFF }],
  "GET /quan-tri/tai-khoan/[id]": [
    { about: "a student of Đông Hà", allow: STAFF, url: (f) => `/quan-tri/tai-khoan/${f.studentAccount.id}` },
    { about: "an administrator", allow: ["ADMIN"], url: (f) => `/quan-tri/tai-khoan/${f.adminAccount.id}` },
  ],
  "GET /quan-tri/tai-khoan/moi": [{ allow: STAFF }],
  "GET /quan-tri/ma-truy-cap": [{ allow: ["ADMIN"] }],
  "GET /thong-ke": [{ about: "department staff see the province, district staff their district", allow: STAFF }],
  "GET /thong-ke/xuat": [
    { about: "CSV", allow: STAFF, url: () => "/thong-ke/xuat?format=csv&period=month" },
    { about: "XLSX", allow: STAFF, url: () => "/thong-ke/xuat?format=xlsx&period=week&groupBy=subject" },
  ],
  "GET /quan-tri/tai-khoan/nhap": [{ allow: STAFF }],
  "GET /su-kien/[id]": byEvent((id) => `/su-kien/${id}`, { conference: ["ADMIN", "STAFF", "BRIDGE_POINT"], lesson: ["ADMIN", "STAFF", "TEACHER", "STUDENT"] }),
  "GET /su-kien/[id]/diem-danh": byEvent((id) => `/su-kien/${id}/diem-danh`, { conference: STAFF, lesson: UPLOADERS }),
  "GET /su-kien/[id]/diem-danh/csv": byEvent((id) => `/su-kien/${id}/diem-danh/csv`, { conference: STAFF, lesson: UPLOADERS }),
  "GET /su-kien/[id]/diem-danh/xlsx": byEvent((id) => `/su-kien/${id}/diem-danh/xlsx`, { conference: STAFF, lesson: UPLOADERS }),
  "GET /su-kien/[id]/sua": [{ about: "the conference", allow: STAFF, url: (f) => `/su-kien/${f.conference}/sua` }],
  "GET /su-kien/moi": [{ allow: STAFF }],
  "GET /tai-khoan": [{ allow: SIGNED_IN }],
  "GET /tai-khoan/mat-khau": [{ allow: SIGNED_IN }],
  "GET /xem/[eventId]": byEvent((id) => `/xem/${id}`, { conference: ["ADMIN", "STAFF", "TEACHER", "BRIDGE_POINT"], lesson: UPLOADERS.concat("STUDENT") }),

  // Files and feeds
  "GET /feeds/hoc-lieu.atom": [{ about: "public materials only", allow: EVERYONE }],
  "GET /oembed": portalOnly((f, id) => `/oembed?format=json&url=${encodeURIComponent(`${f.baseUrl}/hoc-lieu/${id}`)}`),
  "GET /api/materials/[id]/manifest.json": byVisibility((id) => `/api/materials/${id}/manifest.json`, "signedMaterials"),
  "GET /api/materials/[id]/manifest.p7s": byVisibility((id) => `/api/materials/${id}/manifest.p7s`, "signedMaterials"),
  "GET /calendar/[token]": [{ about: "whoever holds the secret feed URL", allow: EVERYONE, url: (f) => `/calendar/${f.calendarToken}.ics` }],
  "GET /media/[materialId]/[...path]": byVisibility((id) => `/media/${id}/poster.jpg`),
  "HEAD /media/[materialId]/[...path]": byVisibility((id) => `/media/${id}/poster.jpg`),
  "GET /xem/[eventId]/live/[token]/[file]": [
    { about: "a live token the watch page gave TEACHER", allow: ["TEACHER"], url: (f) => `/xem/${f.conference}/live/${f.liveToken}/index.m3u8` },
  ],
  "HEAD /xem/[eventId]/live/[token]/[file]": [
    { about: "a live token the watch page gave TEACHER", allow: ["TEACHER"], url: (f) => `/xem/${f.conference}/live/${f.liveToken}/index.m3u8` },
  ],

  // Accounts
  "POST /api/account/first-admin": [{ about: "whoever holds the one-time link (checked inside)", allow: EVERYONE }],
  "POST /api/account/password": [{ about: "one's own password", allow: SIGNED_IN }],
  "POST /api/account/reset-password": [{ about: "whoever holds the one-time link (checked inside)", allow: EVERYONE }],
  "POST /api/accounts": [
    {
      about: "a new student of Đông Hà",
      allow: STAFF,
      json: (f) => ({ name: "Học sinh mới", email: `matrix.moi.${f.unique()}@hs.example.vn`, role: "STUDENT", districtId: f.districtId, password: { kind: "link" } }),
    },
    { about: "a new staff account", allow: ["ADMIN"], json: (f) => ({ name: "Cán bộ mới", email: `matrix.cb.${f.unique()}@sgddt.example.vn`, role: "STAFF", password: { kind: "link" } }) },
  ],
  "PATCH /api/accounts/[id]": [
    {
      about: "a student of Đông Hà",
      allow: STAFF,
      url: (f) => `/api/accounts/${f.studentAccount.id}`,
      json: (f) => ({ name: f.studentAccount.name, email: f.studentAccount.email, role: "STUDENT", districtId: f.studentAccount.districtId }),
    },
    { about: "an administrator", allow: ["ADMIN"], url: (f) => `/api/accounts/${f.adminAccount.id}`, json: (f) => ({ name: f.adminAccount.name, email: f.adminAccount.email, role: "ADMIN" }) },
  ],
  "POST /api/accounts/[id]/disable": [{ about: "a fresh student of Đông Hà", allow: STAFF, url: (f) => `/api/accounts/${f.newStudentAccount()}/disable` }],
  "POST /api/accounts/[id]/enable": [
    { about: "a fresh disabled student of Đông Hà", allow: STAFF, url: (f) => `/api/accounts/${f.newStudentAccount({ disabled: true })}/enable` },
    { about: "a disabled administrator", allow: ["ADMIN"], url: (f) => `/api/accounts/${f.adminAccount.id}/enable` },
  ],
  "POST /api/accounts/[id]/reset-link": [
    { about: "a student of Đông Hà", allow: STAFF, url: (f) => `/api/accounts/${f.studentAccount.id}/reset-link` },
    { about: "an administrator", allow: ["ADMIN"], url: (f) => `/api/accounts/${f.adminAccount.id}/reset-link` },
  ],
  "POST /api/accounts/import": [
    {
      about: "a list with one new student",
      allow: STAFF,
      multipart: (f) => ({ role: "STUDENT", districtId: f.districtId, file: csvFile(`Họ và tên,Email\nHọc sinh nhập,matrix.nhap.${f.unique()}@hs.example.vn\n`) }),
    },
  ],
  "GET /api/auth/[...nextauth]": [{ about: "next-auth's own endpoints (the session)", allow: EVERYONE, url: () => "/api/auth/session" }],
  "POST /api/auth/[...nextauth]": [{ about: "next-auth's own endpoints (signs in only with its CSRF token)", allow: EVERYONE, url: () => "/api/auth/session" }],

  // Schedule, classes, meetings
  "GET /api/bridge-points": [{ allow: STAFF }],
  "POST /api/courses": [{ allow: ["TEACHER"] }],
  "POST /api/courses/[id]/lessons": [
    { about: "the teacher's class", allow: ["TEACHER"], url: (f) => `/api/courses/${f.course}/lessons` },
    { about: "another teacher's class", allow: NOBODY, url: (f) => `/api/courses/${f.otherCourse}/lessons` },
  ],
  "POST /api/courses/[id]/roster": [
    { about: "the teacher's class", allow: ["TEACHER"], url: (f) => `/api/courses/${f.course}/roster`, multipart: () => ({ file: csvFile("email\nhs.minh@diemcau.local\n") }) },
    { about: "another teacher's class", allow: NOBODY, url: (f) => `/api/courses/${f.otherCourse}/roster`, multipart: () => ({ file: csvFile("email\nhs.minh@diemcau.local\n") }) },
  ],
  "POST /api/courses/[id]/students": [
    { about: "the teacher's class", allow: ["TEACHER"], url: (f) => `/api/courses/${f.course}/students`, json: () => ({ student: "hs.mai@diemcau.local" }) },
    { about: "another teacher's class", allow: NOBODY, url: (f) => `/api/courses/${f.otherCourse}/students`, json: () => ({ student: "hs.mai@diemcau.local" }) },
  ],
  "GET /api/events": [{ about: "each sees their own schedule", allow: SIGNED_IN, url: () => `/api/events?from=${new Date().toISOString()}&to=${new Date(Date.now() + 7 * 86_400_000).toISOString()}` }],
  "POST /api/events": [{ allow: STAFF }],
  "PATCH /api/events/[id]": [{ about: "the conference", allow: STAFF, url: (f) => `/api/events/${f.conference}` }],
  "POST /api/events/[id]/cancel": [
    { about: "a fresh conference", allow: STAFF, url: (f) => `/api/events/${f.newConference()}/cancel` },
    { about: "a fresh lesson of the teacher", allow: UPLOADERS, url: (f) => `/api/events/${f.newLesson()}/cancel` },
  ],
  "POST /api/events/[id]/occurrences": byLessonOwner(
    (id) => `/api/events/${id}/occurrences`,
    () => ({ action: "cancel", originalStartsAt: new Date().toISOString() }),
  ),
  "POST /api/events/[id]/series-from": byLessonOwner(
    (id) => `/api/events/${id}/series-from`,
    () => ({ title: "Buổi học", weekdays: [1], firstDate: inDays(7), lastDate: inDays(40), startTime: "07:00", durationMinutes: 45 }),
  ),
  // A material that is not public: past the role check the answer is a 409, and nothing is sent to the portal.
  "POST /api/materials/[id]/news": [{ about: "an INTERNAL material", allow: STAFF, url: (f) => `/api/materials/${f.materials.internal}/news` }],
  "POST /api/recordings/[id]/finalize": [{ about: "a finished recording", allow: STAFF, url: (f) => `/api/recordings/${f.readyRecording}/finalize` }],
  "POST /api/events/notifications/read": [{ about: "one's own notices", allow: SIGNED_IN }],
  "GET /api/health": [{ about: "up or down only", allow: EVERYONE }],
  "POST /api/internal/attendance": [{ about: "media-server only (signed body)", allow: NOBODY }],
  "POST /api/internal/recordings/events": [{ about: "media-server only (signed body)", allow: NOBODY }],
  "GET /api/materials/[id]": byVisibility((id) => `/api/materials/${id}`),
  "PATCH /api/materials/[id]": [{ about: "the teacher's material", allow: UPLOADERS, url: (f) => `/api/materials/${f.materials.internal}` }],
  "GET /api/materials/[id]/captions.vtt": byVisibility((id) => `/api/materials/${id}/captions.vtt`),
  "POST /api/materials/[id]/views": byVisibility((id) => `/api/materials/${id}/views`).map((c) => ({ ...c, json: () => ({ playedSec: 10 }) })),
  "GET /api/materials/[id]/attachments/[attachmentId]": byVisibility((id) => `/api/materials/${id}/attachments/`).map((c) => ({
    ...c,
    url: async (f: TMatrixFixtures, who: TWho) => {
      const base = await c.url!(f, who);
      const materialId = base.split("/")[3]!;
      const kind = (Object.keys(f.materials) as (keyof typeof f.materials)[]).find((k) => f.materials[k] === materialId)!;
      return `${base}${f.attachments[kind]}`;
    },
  })),
  "POST /api/materials/[id]/attachments": byMaterialEditor((id) => `/api/materials/${id}/attachments`).map((c) => ({
    ...c,
    multipart: () => ({ file: { name: "khong-phai.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a PDF") } }),
  })),
  "GET /api/materials/[id]/chapters.vtt": byVisibility((id) => `/api/materials/${id}/chapters.vtt`),
  "POST /api/materials/upload": [{ allow: UPLOADERS }],
  "POST /api/materials/[id]/captions": byMaterialEditor((id) => `/api/materials/${id}/captions`),
  "PATCH /api/materials/[id]/transcript": byMaterialEditor((id) => `/api/materials/${id}/transcript`),

  // Official documents (edXML)
  "GET /api/documents/lookup": [{ about: "e2e configures no document system (answered past the role check)", allow: UPLOADERS, url: () => "/api/documents/lookup?so=1234%2FSGDĐT-VP" }],
  "POST /api/documents/edxml": [{ about: "reads a package, saves nothing", allow: UPLOADERS }],
  "POST /api/events/[id]/documents": byLessonOwner((id) => `/api/events/${id}/documents`, () => ({})),
  "DELETE /api/events/[id]/documents/[linkId]": [
    { about: "a document of the teacher's lesson", allow: UPLOADERS, url: (f) => `/api/events/${f.lesson}/documents/${f.newDocumentLink("lesson")}` },
    { about: "a document of another teacher's lesson", allow: STAFF, url: (f) => `/api/events/${f.otherLesson}/documents/${f.newDocumentLink("otherLesson")}` },
  ],
  "POST /api/materials/[id]/documents": byMaterialEditor((id) => `/api/materials/${id}/documents`),
  "DELETE /api/materials/[id]/documents/[linkId]": [
    { about: "a document of the teacher's material", allow: UPLOADERS, url: (f) => `/api/materials/${f.materials.internal}/documents/${f.newDocumentLink("material")}` },
    { about: "a document of another teacher's material", allow: STAFF, url: (f) => `/api/materials/${f.otherMaterial}/documents/${f.newDocumentLink("otherMaterial")}` },
  ],
  "GET /su-kien/[id]/diem-danh/edxml": byEvent((id) => `/su-kien/${id}/diem-danh/edxml`, { conference: STAFF, lesson: STAFF }),
  "GET /api/meetings/[eventId]/invites": byEvent((id) => `/api/meetings/${id}/invites`, { conference: ["STAFF"], lesson: ["TEACHER"] }),
  "POST /api/meetings/[eventId]/invites": byEvent((id) => `/api/meetings/${id}/invites`, { conference: ["STAFF"], lesson: ["TEACHER"] }),
  "DELETE /api/meetings/[eventId]/invites/[inviteId]": [
    { about: "a spare invite link of the conference", allow: ["STAFF"], url: (f) => `/api/meetings/${f.conference}/invites/${f.spareInviteId}` },
  ],
  // Statistics for the IOC: a service token only (e2e/statistics.spec.ts uses one); no session gets in.
  "GET /api/v1/openapi.json": [{ about: "the API's description is public", allow: EVERYONE }],
  "GET /api/v1/thong-ke/tong-hop": [{ about: "no service token", allow: NOBODY }],
  "GET /api/v1/thong-ke/xu-huong": [{ about: "no service token", allow: NOBODY }],
  "GET /api/v1/thong-ke/diem-cau": [{ about: "no service token", allow: NOBODY }],
  "POST /api/service-tokens": [{ allow: ["ADMIN"], json: () => ({ name: "Ma trận", scopes: ["statistics.summary"] }) }],
  "DELETE /api/service-tokens/[id]": [{ about: "a fresh token", allow: ["ADMIN"], url: (f) => `/api/service-tokens/${f.newServiceToken()}` }],
  // Server actions (POST to a page with a Next-Action id)
  "ACTION app/tai-khoan/actions.ts#regenerateCalendarFeed": [{ about: "one's own feed", allow: SIGNED_IN, url: () => "/tai-khoan", actionArgs: () => [] }],
  "ACTION app/xem/[eventId]/actions.ts#revokeLiveWatchLinks": [
    { about: "a fresh conference STAFF hosts", allow: STAFF, url: (f) => `/xem/${f.newConference()}`, actionArgs: (_f, _who, url) => [url.split("/")[2]] },
  ],
  "ACTION lib/i18n/set-locale.ts#setLocale": [{ about: "the language cookie", allow: EVERYONE, url: () => "/dang-nhap", actionForm: { locale: "vi" } }],

  "POST /api/meetings/[eventId]/token": byEvent((id) => `/api/meetings/${id}/token`, { conference: ["ADMIN", "STAFF", "BRIDGE_POINT", "GUEST"], lesson: ["TEACHER", "STUDENT"] }).map(
    (c) => ({ ...c, json: (f: TMatrixFixtures, who: TWho) => (who === "GUEST" ? { invite: f.invite, guestName: "Khách ma trận" } : {}) }),
  ),
};
