import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, type TAccountName } from "./fixtures";

// Dates are computed in Asia/Ho_Chi_Minh, far enough ahead to miss the seed's events
// (conferences 2 and 4 days out; Toán 9A on Tuesday and Thursday evenings).

const vietnamDate = (daysFromNow: number): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(Date.now() + daysFromNow * 86_400_000));

const displayDate = (isoDate: string): string => isoDate.split("-").reverse().join("/");

/** ISO weekday (1 = Monday) of a yyyy-MM-dd date. */
const isoWeekday = (isoDate: string): number => ((new Date(`${isoDate}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The next yyyy-MM-dd on or after `isoDate` that falls on ISO weekday `weekday`. */
function nextWeekday(isoDate: string, weekday: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  while (((d.getUTCDay() + 6) % 7) + 1 !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const addDays = (isoDate: string, days: number): string => {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

async function signedIn(browser: Browser, account: TAccountName): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account);
  return page;
}

test.describe("scheduling", () => {
  test("staff schedule a conference with all 9 bridge points; a bridge point sees it and its changes at once", async ({ page, browser }) => {
    const day = vietnamDate(9);
    const title = `Hội nghị tổng kết chuyển đổi số ${day}`;
    await signIn(page, "staff");
    await page.goto("/lich");
    await page.getByRole("link", { name: "Tạo hội nghị" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tạo hội nghị");

    // Bad input first: an empty title and an end before the start are refused precisely.
    await page.getByLabel("Bắt đầu", { exact: true }).fill(`${day}T08:00`);
    await page.getByLabel("Kết thúc", { exact: true }).fill(`${day}T07:00`);
    await page.getByLabel("Tất cả 9 điểm cầu").check();
    await page.getByRole("button", { name: "Tạo hội nghị" }).click();
    await expect(page.locator("form [role=alert]")).toHaveText("Vui lòng nhập tiêu đề.");
    await page.getByLabel("Tiêu đề").fill(title);
    await page.getByRole("button", { name: "Tạo hội nghị" }).click();
    await expect(page.locator("form [role=alert]")).toHaveText("Thời gian kết thúc phải sau thời gian bắt đầu.");

    await page.getByLabel("Kết thúc", { exact: true }).fill(`${day}T11:30`);
    // The plan that convenes it, typed by hand, goes with the new conference.
    await page.getByLabel("Số, ký hiệu").fill("2345/SGDĐT-KHTC");
    await page.getByLabel("Trích yếu").fill("Tổng kết chuyển đổi số năm 2026");
    await page.getByRole("button", { name: "Đính kèm văn bản" }).click();
    await expect(page.getByTestId("pending-documents")).toContainText("2345/SGDĐT-KHTC — Tổng kết chuyển đổi số năm 2026");
    await page.getByRole("button", { name: "Tạo hội nghị" }).click();
    await expect(page).toHaveURL(/\/su-kien\/[^/]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByTestId("basis-line")).toHaveText("Căn cứ văn bản số 2345/SGDĐT-KHTC về việc Tổng kết chuyển đổi số năm 2026");
    await expect(page.getByRole("heading", { name: "Điểm cầu tham gia (9)" })).toBeVisible();
    await expect(page.getByTestId("join-reason")).toContainText(`Phòng họp mở lúc 08:00 ngày ${displayDate(day)} (còn `);
    await expect(page.getByTestId("join-panel")).toHaveAttribute("data-state", "not-yet");
    const eventUrl = page.url();

    // A second booking of Đông Hà that overlaps is refused, naming the conference.
    await page.goto("/su-kien/moi");
    await page.getByLabel("Tiêu đề").fill("Họp trùng giờ");
    await page.getByLabel("Bắt đầu", { exact: true }).fill(`${day}T10:00`);
    await page.getByLabel("Kết thúc", { exact: true }).fill(`${day}T12:00`);
    await page.getByLabel("Điểm cầu Phòng GD&ĐT Đông Hà").check();
    await page.getByRole("button", { name: "Tạo hội nghị" }).click();
    await expect(page.locator("form [role=alert]")).toHaveText(
      `Trùng lịch: Điểm cầu Phòng GD&ĐT Đông Hà đã tham gia “${title}” (08:00–11:30 ngày ${displayDate(day)}).`,
    );

    // The Đông Hà room account sees it in its week and list views.
    const room = await signedIn(browser, "bridgePoint");
    await room.goto(`/lich?xem=danh-sach&ngay=${day}`);
    await expect(room.getByTestId("list-view")).toContainText(title);
    await room.goto(`/lich?ngay=${day}`);
    const block = room.getByTestId("week-view").getByRole("link", { name: new RegExp(title) });
    await expect(block).toContainText("08:00–11:30");
    await room.goto("/diem-cau");
    await expect(room.getByRole("region", { name: "Lịch 30 ngày tới" })).toContainText(title);
    await room.goto(`/lich?ngay=${day}`);

    // Staff move it to the afternoon; the room's open page follows without a reload.
    await page.goto(`${eventUrl}/sua`);
    await page.getByLabel("Bắt đầu", { exact: true }).fill(`${day}T13:30`);
    await page.getByLabel("Kết thúc", { exact: true }).fill(`${day}T16:00`);
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect(page).toHaveURL(eventUrl);
    await expect(room.getByTestId("week-view").getByRole("link", { name: new RegExp(title) })).toContainText("13:30–16:00", {
      timeout: 25_000,
    });
    await expect(room.getByRole("status").filter({ hasText: "Thông báo mới" })).toContainText(
      `“${title}” đã được thay đổi; bắt đầu lúc ${displayDate(day)} 13:30.`,
    );
    await room.screenshot({ path: "test-results/schedule-week-bridge-point.png", fullPage: true });

    // Staff cancel it; the room sees the cancellation.
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Hủy sự kiện" }).click();
    await expect(page.getByTestId("join-reason")).toHaveText("Sự kiện đã bị hủy.");
    await expect(room.getByRole("status").filter({ hasText: "Thông báo mới" })).toContainText(`“${title}” (dự kiến ${displayDate(day)} 13:30) đã bị hủy.`, {
      timeout: 25_000,
    });
  });

  test("a teacher creates a weekly class and a student sees the lessons", async ({ page, browser }) => {
    const firstMonday = nextWeekday(vietnamDate(8), 1);
    const holiday = addDays(firstMonday, 9); // the second Wednesday
    const lastDate = addDays(firstMonday, 20); // three weeks of Mondays and Wednesdays
    const name = `Tin học 9B ${firstMonday}`;
    const lessonTitle = `${name} — lập trình Scratch`;

    await signIn(page, "teacher");
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Lớp học", exact: true }).click();
    await page.getByLabel("Tên lớp").fill(name);
    await page.getByLabel("Môn học").fill("Tin học");
    await page.getByLabel("Khối").fill("9");
    await page.getByRole("button", { name: "Tạo lớp" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

    // Students: one by one, then a roster with a student who does not exist (refused, nothing saved).
    await page.getByLabel("Email", { exact: true }).fill("hs.minh@diemcau.local");
    await page.getByRole("button", { name: "Thêm", exact: true }).click();
    await expect(page.getByText("Đã thêm Hoàng Đức Minh.")).toBeVisible();
    await page.getByLabel("Tệp CSV").setInputFiles({
      name: "danh-sach.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("\uFEFFHọ và tên;Email\nNguyễn Thị Mai;hs.mai@diemcau.local\nKhông Có;hs.khongco@diemcau.local\n"),
    });
    await page.getByRole("button", { name: "Nhập danh sách" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Chưa nhập danh sách" })).toContainText(
      "Dòng 3: không có học sinh nào với email hs.khongco@diemcau.local (Không Có).",
    );
    await expect(page.getByTestId("roster").getByRole("rowheader")).toHaveCount(1);
    await page.getByLabel("Tệp CSV").setInputFiles({ name: "qua-lon.csv", mimeType: "text/csv", buffer: Buffer.alloc(10 * 1024 * 1024, "a") });
    await page.getByRole("button", { name: "Nhập danh sách" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "quá lớn" })).toHaveText(
      "Tệp danh sách quá lớn (10,0 MB). Dung lượng tối đa là 1,0 MB.",
    );
    await page.getByLabel("Tệp CSV").setInputFiles({
      name: "danh-sach.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("email,ho_ten\nhs.mai@diemcau.local,Nguyễn Thị Mai\nhs.minh@diemcau.local,Hoàng Đức Minh\n"),
    });
    await page.getByRole("button", { name: "Nhập danh sách" }).click();
    await expect(page.getByText("Đã thêm 1 học sinh (1 học sinh đã có trong lớp).")).toBeVisible();
    await expect(page.getByTestId("roster").getByRole("rowheader")).toHaveCount(2);

    // Weekly lessons on Monday and Wednesday mornings, skipping one holiday.
    await page.getByLabel("Tiêu đề buổi học").fill(lessonTitle);
    await page.getByLabel("Thứ Hai").check();
    await page.getByLabel("Thứ Tư").check();
    await page.getByLabel("Từ ngày").fill(firstMonday);
    await page.getByLabel("Đến ngày").fill(lastDate);
    await page.getByLabel("Giờ bắt đầu").fill("07:30");
    await page.getByLabel("Thời lượng (phút)").fill("45");
    await page.getByLabel("Ngày nghỉ").fill(displayDate(holiday));
    await page.getByRole("button", { name: "Tạo lịch học" }).click();
    await expect(page.getByText("Đã tạo lịch học.")).toBeVisible();
    await expect(page.getByTestId("lesson-series")).toContainText(lessonTitle);

    // The same slot again clashes with the teacher's own lessons.
    await page.getByLabel("Tiêu đề buổi học").fill("Trùng giờ");
    await page.getByRole("button", { name: "Tạo lịch học" }).click();
    await expect(page.locator("form [role=alert]")).toHaveText(
      `Trùng lịch: buổi học 07:30 ngày ${displayDate(firstMonday)} trùng với “${lessonTitle}” (07:30–08:15 ngày ${displayDate(firstMonday)}) của bạn.`,
    );

    // The student sees five lessons (six Mondays/Wednesdays minus the holiday).
    const student = await signedIn(browser, "student");
    await student.goto(`/lich?xem=danh-sach&ngay=${firstMonday}`);
    const lessons = student.getByTestId("list-view").getByRole("link", { name: lessonTitle });
    await expect(lessons).toHaveCount(5);
    await expect(student.getByTestId("list-view")).not.toContainText(displayDate(holiday));
    expect(isoWeekday(holiday)).toBe(3);

    await student.goto(`/lich?ngay=${firstMonday}`);
    await expect(student.getByTestId("week-view").getByRole("link", { name: new RegExp(lessonTitle) })).toHaveCount(2);
    await student.screenshot({ path: "test-results/schedule-week-student.png", fullPage: true });

    await student.goto(`/lich?xem=danh-sach&ngay=${firstMonday}`);
    await student.getByTestId("list-view").getByRole("link", { name: lessonTitle }).first().click();
    await expect(student.getByRole("heading", { level: 1 })).toHaveText(lessonTitle);
    await expect(student.getByTestId("join-reason")).toContainText(`Phòng họp mở lúc 07:30 ngày ${displayDate(firstMonday)}`);
    await expect(student.getByTestId("next-lessons").getByRole("listitem")).toHaveCount(5);
  });
});
