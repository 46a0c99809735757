import { expect, test, type Browser, type Page } from "@playwright/test";
import { fromSite, signIn, type TAccountName } from "./fixtures";
import { inboundMedia, observeInboundMedia } from "./inbound-media";

/*
 * A lesson of the demo class Toán 9A with its teacher and one student, on the real stack: the
 * student joins muted with the camera off, raises a hand, the teacher lets it speak and hears it,
 * and the participant list is searched without diacritics. Two pages, 320×180 video.
 */

const CAMERA = "camera=320x180@15";
const COURSE_ID = "demo-course-toan-9a";

async function signedIn(browser: Browser, account: TAccountName): Promise<Page> {
  const context = await browser.newContext();
  await observeInboundMedia(context);
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

/** A one-lesson series of the teacher's class that starts within two minutes (its lobby is open at once). */
async function scheduleLessonNow(teacher: Page): Promise<{ path: string; cancel: () => Promise<void> }> {
  // Wall-clock date, time and ISO weekday in Asia/Ho_Chi_Minh (UTC+7 all year).
  const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 60_000 + 7 * 3_600_000);
  const date = start.toISOString().slice(0, 10);
  const response = await teacher.request.post(`/api/courses/${COURSE_ID}/lessons`, {
    headers: fromSite(teacher),
    data: {
      title: "Toán 9A — lớp đông (e2e)",
      weekdays: [start.getUTCDay() || 7],
      firstDate: date,
      lastDate: date,
      startTime: start.toISOString().slice(11, 16),
      durationMinutes: 45,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return {
    path: `/phong/${id}`,
    cancel: async () => void (await teacher.request.post(`/api/events/${id}/cancel`, { headers: fromSite(teacher) })),
  };
}

/** Audio packets this page has received (in a room of two, all from the other participant). */
async function audioPackets(page: Page): Promise<number> {
  return (await inboundMedia(page)).filter((m) => m.kind === "audio").reduce((sum, m) => sum + m.packetsReceived, 0);
}

test("a student joins muted, raises a hand, is let speak and heard; the participant list searches without diacritics", async ({ browser }) => {
  test.setTimeout(180_000);
  const teacher = await signedIn(browser, "teacher");
  // When the teacher's page asks the media server for a page of the participant list.
  const teacherListRequests: number[] = [];
  teacher.on("websocket", (socket) =>
    socket.on("framesent", ({ payload }) => {
      if (typeof payload === "string" && /^42\d*\["listPeers"/.test(payload)) teacherListRequests.push(Date.now());
    }),
  );
  const lesson = await scheduleLessonNow(teacher);
  const student = await signedIn(browser, "student");

  await teacher.goto(`${lesson.path}?${CAMERA}`);
  await teacher.getByRole("button", { name: "Tham gia" }).click();
  await expect(teacher.getByTestId("hand-queue")).toBeVisible({ timeout: 20_000 });

  await test.step("the student previews and joins with the microphone and camera off", async () => {
    await student.goto(`${lesson.path}?${CAMERA}`);
    await expect(student.getByTestId("ask-to-speak-hint")).toBeVisible();
    await expect(student.getByRole("button", { name: "Micro đang tắt" })).toHaveAttribute("aria-pressed", "false");
    await expect(student.getByRole("button", { name: "Camera đang tắt" })).toHaveAttribute("aria-pressed", "false");
    await student.getByRole("button", { name: "Tham gia" }).click();
    const mic = student.getByTestId("toggle-mic");
    await expect(mic).toHaveAttribute("aria-pressed", "false", { timeout: 20_000 });
    await expect(mic).toBeDisabled();
    await expect(student.getByTestId("toggle-camera")).toBeDisabled();
  });

  await test.step("the teacher finds the student in the list, with or without diacritics", async () => {
    await expect(teacher.getByRole("tab", { name: "Người tham dự (2)" })).toBeVisible();
    const search = teacher.getByTestId("participant-search");
    await search.fill("duc minh");
    await expect(teacher.getByTestId("participant")).toHaveCount(1);
    await expect(teacher.getByTestId("participant")).toContainText("Hoàng Đức Minh");
    await search.fill("LÊ THỊ");
    await expect(teacher.getByTestId("participant")).toContainText("Lê Thị Lan");
    await expect(teacher.getByTestId("participant")).toHaveCount(1);
    await search.fill("không có ai");
    await expect(teacher.getByTestId("participant")).toHaveCount(0);
    await expect(teacher.getByTestId("participant-count")).toHaveText("0 / 0 người");
    await search.fill("");
    await expect(teacher.getByTestId("participant")).toHaveCount(2);
  });

  await test.step("a burst of roster changes has the teacher's list ask for its page once, not once per change", async () => {
    const start = Date.now();
    for (let i = 0; i < 3; i++) {
      await student.getByRole("button", { name: "Giơ tay" }).click();
      await expect(teacher.getByTestId("raised-hand")).toHaveCount(1);
      await student.getByRole("button", { name: "Hạ tay" }).click();
      await expect(teacher.getByTestId("raised-hand")).toHaveCount(0);
    }
    const burstMs = Date.now() - start;
    await teacher.waitForTimeout(1500); // the list asks once the roster has settled for its second
    const asked = teacherListRequests.filter((at) => at >= start).length;
    // Six changes: six requests when each asks at once; one per second of the burst when they settle.
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThanOrEqual(Math.ceil(burstMs / 1000) + 1);
    expect(asked).toBeLessThan(6);
  });

  await test.step("the student raises a hand and the teacher lets it speak", async () => {
    await student.getByRole("button", { name: "Giơ tay" }).click();
    const hand = teacher.getByTestId("raised-hand").filter({ hasText: "Hoàng Đức Minh" });
    await expect(hand).toBeVisible();
    await hand.getByRole("button", { name: "Cho phát biểu" }).click();
    await expect(teacher.getByTestId("speaker").filter({ hasText: "Hoàng Đức Minh" })).toBeVisible();
    await expect(teacher.getByTestId("raised-hand")).toHaveCount(0);
    await expect(student.getByTestId("speak-granted")).toBeVisible();
  });

  await test.step("the student unmutes and the teacher hears it", async () => {
    const mic = student.getByTestId("toggle-mic");
    await expect(mic).toBeEnabled();
    await mic.click();
    await expect(mic).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => audioPackets(teacher), { timeout: 30_000, message: "the student's audio reaches the teacher" }).toBeGreaterThan(0);
    const heard = await audioPackets(teacher);
    await expect.poll(() => audioPackets(teacher), { timeout: 10_000, message: "and keeps coming" }).toBeGreaterThan(heard);
  });

  await test.step("the teacher takes the floor back", async () => {
    await teacher.getByTestId("speaker").getByRole("button", { name: "Thôi phát biểu" }).click();
    const mic = student.getByTestId("toggle-mic");
    await expect(mic).toHaveAttribute("aria-pressed", "false");
    await expect(mic).toBeDisabled();
  });

  await student.context().close();
  await lesson.cancel();
  await teacher.context().close();
});
