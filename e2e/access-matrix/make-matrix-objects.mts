// Makes the objects the access matrix asks about in the stack's database (DATABASE_URL) and media
// folder (E2E_STORAGE_DIR), and prints their ids as JSON. matrix-fixtures.ts runs it with tsx as
// an ES module of its own: Playwright loads specs as CommonJS, which the Prisma client cannot be.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { createPrismaClient, issueAccountToken, type Visibility } from "@diemcau/db";
import { attachmentKey } from "@diemcau/protocol";
import { signatureKeys } from "@diemcau/signing";
import { ACCOUNTS, type TAccountName } from "../accounts";

/** How many fresh objects of each kind a run may use up (requests that change or end what they are about). */
export const FRESH_PER_KIND = 24;
const MINUTE = 60_000;

export async function makeMatrixObjects(databaseUrl: string, storageDir: string) {
  const db = createPrismaClient(databaseUrl);
  try {
    const run = Date.now().toString(36);
    let counter = 0;
    const unique = () => `${run}-${++counter}`;
    const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
    const account = (name: TAccountName) => userId(ACCOUNTS[name].email);
    const [staff, teacher, student, otherTeacher] = await Promise.all([account("staff"), account("teacher"), account("student"), userId("gv.hung@diemcau.local")]);
    const room = await db.user.findUniqueOrThrow({ where: { email: ACCOUNTS.bridgePoint.email }, select: { bridgePointId: true, districtId: true } });
    const bridgePointId = room.bridgePointId!;
    const districtId = room.districtId!;

    // Open now: the meeting routes admit people only around an event's time.
    const now = Date.now();
    const window = { startsAt: new Date(now - 5 * MINUTE), endsAt: new Date(now + 120 * MINUTE) };
    const course = await db.course.create({ data: { name: `Ma trận ${run}`, subject: "Toán", grade: 9, schoolYear: "2026-2027", teacherId: teacher } });
    await db.enrollment.create({ data: { courseId: course.id, userId: student } });
    const otherCourse = await db.course.create({ data: { name: `Ma trận khác ${run}`, subject: "Văn", grade: 9, schoolYear: "2026-2027", teacherId: otherTeacher } });
    const lessonOf = async (courseId: string, hostId: string) =>
      (await db.event.create({ data: { kind: "CLASS", title: `Buổi học ma trận ${unique()}`, ...window, courseId, hostId }, select: { id: true } })).id;
    const conference = await db.event.create({
      data: { kind: "CONFERENCE", title: `Hội nghị ma trận ${run}`, ...window, hostId: staff, bridgePoints: { create: { bridgePointId } } },
      select: { id: true },
    });
    const lesson = await lessonOf(course.id, teacher);
    const otherLesson = await lessonOf(otherCourse.id, otherTeacher);

    const writeFileIn = async (key: string, content: string) => {
      const path = join(storageDir, ...key.split("/"));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    };
    // A poster and a one-segment rendition: enough for the player pages and the media route.
    const material = async (visibility: Visibility, published: boolean, eventId: string | null, signed = false) => {
      const recording = await db.recording.create({ data: { status: "READY", eventId, storagePrefix: `recordings/matrix-${unique()}` } });
      await writeFileIn(`${recording.storagePrefix}/poster.jpg`, "not really a JPEG");
      await writeFileIn(`${recording.storagePrefix}/hls/master.m3u8`, "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000000,RESOLUTION=1280x720\nsource/index.m3u8\n");
      await writeFileIn(
        `${recording.storagePrefix}/hls/source/index.m3u8`,
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:4.000,\nseg0.ts\n#EXT-X-ENDLIST\n",
      );
      const { id } = await db.material.create({ data: { title: `Học liệu ma trận ${visibility}`, visibility, published, ownerId: teacher, recordingId: recording.id } });
      // Files in the places the signature routes serve from; what they hold is not checked there.
      if (signed) for (const key of [signatureKeys.manifest(id), signatureKeys.signature(id)]) await writeFileIn(key, "{}");
      return id;
    };
    const materialsOfEachVisibility = async (signed: boolean) => ({
      public: await material("PUBLIC", true, null, signed),
      internal: await material("INTERNAL", true, null, signed),
      enrolled: await material("ENROLLED", true, lesson, signed),
      unpublished: await material("PUBLIC", false, null, signed),
    });
    const materials = await materialsOfEachVisibility(false);
    // A PDF attached to each of them, stored where attach-document.ts puts one.
    const attachmentOf = async (materialId: string) => {
      const { id } = await db.materialAttachment.create({
        data: { materialId, fileName: "ke-hoach.pdf", storageKey: `matrix-${unique()}`, sizeBytes: 16, status: "READY" },
        select: { id: true },
      });
      const storageKey = attachmentKey(materialId, id);
      await writeFileIn(storageKey, "%PDF-1.4 matrix\n");
      await db.materialAttachment.update({ where: { id }, data: { storageKey } });
      return id;
    };
    const attachments = {
      public: await attachmentOf(materials.public),
      internal: await attachmentOf(materials.internal),
      enrolled: await attachmentOf(materials.enrolled),
      unpublished: await attachmentOf(materials.unpublished),
    };
    const signedMaterials = await materialsOfEachVisibility(true);
    // An INTERNAL material of another teacher: TEACHER may watch it but not edit it.
    const otherMaterial = (
      await db.material.create({ data: { title: "Học liệu ma trận của giáo viên khác", visibility: "INTERNAL", published: true, ownerId: otherTeacher }, select: { id: true } })
    ).id;
    const readyRecording = (await db.material.findUniqueOrThrow({ where: { id: materials.public }, select: { recordingId: true } })).recordingId!;

    // The conference is being recorded; lastSegmentAt ahead keeps the worker's sweep from taking it for a crash.
    const live = await db.recording.create({ data: { status: "RECORDING", eventId: conference.id, lastSegmentAt: new Date(now + 120 * MINUTE) } });
    await writeFileIn(`recordings/${live.id}/live/index.m3u8`, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n");

    const calendarToken = randomBytes(24).toString("base64url");
    // Not an identity's own feed: the matrix's calls of regenerateCalendarFeed replace those.
    await db.user.update({ where: { email: "hs.mai@diemcau.local" }, data: { calendarToken } });
    const studentOfDistrict = async (disabled: boolean) =>
      db.user.create({
        data: { email: `matrix.${unique()}@hs.example.vn`, name: "Học sinh ma trận", role: "STUDENT", districtId, passwordHash: "-", disabledAt: disabled ? new Date() : null },
        select: { id: true, email: true, name: true, districtId: true },
      });
    const studentAccount = await studentOfDistrict(false);
    // Disabled, so it never counts as an active administrator.
    const adminAccount = await db.user.create({
      data: { email: `matrix.qt.${run}@sgddt.example.vn`, name: "Quản trị ma trận", role: "ADMIN", passwordHash: "-", disabledAt: new Date() },
      select: { id: true, email: true, name: true },
    });
    const resetToken = await issueAccountToken(db, "PASSWORD_RESET", studentAccount.id);
    const firstAdminToken = await issueAccountToken(db, "FIRST_ADMIN", null);

    // Documents attached to each target, for the requests that detach one.
    const documentLinks = async <K extends string,>(targets: Record<K, { eventId?: string; materialId?: string }>) => {
      const pools = {} as Record<K, string[]>;
      for (const [name, target] of Object.entries(targets) as [K, { eventId?: string; materialId?: string }][]) {
        pools[name] = await times(async () => (await db.documentLink.create({ data: { ...target, numberNotation: `${unique()}/MT`, source: "MANUAL" }, select: { id: true } })).id);
      }
      return pools;
    };
    // Fresh conferences have no participants and fresh lessons no students, so cancelling them notifies nobody.
    const times = <T,>(make: () => Promise<T>) => Promise.all(Array.from({ length: FRESH_PER_KIND }, make));
    const fresh = {
      conferences: await times(async () => (await db.event.create({ data: { kind: "CONFERENCE", title: `Hội nghị ma trận ${unique()}`, ...window, hostId: staff }, select: { id: true } })).id),
      lessons: await times(() => lessonOf(course.id, teacher)),
      students: await times(async () => (await studentOfDistrict(false)).id),
      disabledStudents: await times(async () => (await studentOfDistrict(true)).id),
      serviceTokens: await times(
        async () => (await db.serviceToken.create({ data: { name: `Ma trận ${unique()}`, scopes: ["statistics.summary"], tokenHash: randomBytes(32).toString("hex") }, select: { id: true } })).id,
      ),
      ...(await documentLinks({ lessonLinks: { eventId: lesson }, otherLessonLinks: { eventId: otherLesson }, materialLinks: { materialId: materials.internal }, otherMaterialLinks: { materialId: otherMaterial } })),
    };

    return {
      /** Every event made here, all open now: end-matrix-objects.mts cancels them after the run. */
      events: [conference.id, lesson, otherLesson, ...fresh.conferences, ...fresh.lessons],
      conference: conference.id,
      lesson,
      otherLesson,
      course: course.id,
      otherCourse: otherCourse.id,
      materials,
      attachments,
      signedMaterials,
      otherMaterial,
      readyRecording,
      calendarToken,
      resetToken,
      firstAdminToken,
      studentAccount: { ...studentAccount, districtId },
      adminAccount,
      bridgePointId,
      districtId,
      run,
      fresh,
    };
  } finally {
    await db.$disconnect();
  }
}
export type TMatrixObjects = Awaited<ReturnType<typeof makeMatrixObjects>>;

if (process.argv[1]?.endsWith("make-matrix-objects.mts")) {
  const objects = await makeMatrixObjects(process.env.DATABASE_URL!, process.env.E2E_STORAGE_DIR!);
  process.stdout.write(JSON.stringify(objects));
}
