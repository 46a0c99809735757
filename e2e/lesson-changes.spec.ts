import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

/** yyyy-MM-dd of an instant in Asia/Ho_Chi_Minh. */
const vietnamDate = (at: Date): string => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(at);
const displayDate = (isoDate: string): string => isoDate.split("-").reverse().join("/");

test("a teacher moves one lesson of the weekly class; the student's schedule and calendar feed follow", async ({ page, browser }) => {
  await signIn(page, "teacher");
  await page.goto("/lop-hoc");
  await page.getByRole("link", { name: "Toán 9A" }).first().click();
  // The seeded weekly series by its title: other specs add lessons of their own to this class.
  await page.getByTestId("lesson-series").getByRole("link", { name: "Toán 9A — Phương trình bậc hai một ẩn" }).click();
  await expect(page).toHaveURL(/\/su-kien\/[^/]+$/);

  // The second upcoming lesson (Tuesday or Thursday, 19:30) moves to the next morning, 07:00–07:45.
  const lesson = page.getByTestId("next-lessons").getByRole("listitem").nth(1);
  const usual = (await lesson.locator("span").first().innerText()).trim();
  const [, usualDay] = /^(\d{2}\/\d{2}\/\d{4}) 19:30/.exec(usual) ?? [];
  expect(usualDay, usual).toBeDefined();
  const [dd, mm, yyyy] = usualDay!.split("/");
  const newDate = vietnamDate(new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd), 12) + 86_400_000));
  await lesson.getByRole("button", { name: "Dời buổi này" }).click();
  await lesson.getByLabel("Ngày").fill(newDate);
  await lesson.getByLabel("Giờ bắt đầu").fill("07:00");
  await lesson.getByLabel("Thời lượng (phút)").fill("45");
  await lesson.getByRole("button", { name: "Lưu" }).click();
  const moved = page.getByTestId("next-lessons").getByRole("listitem").filter({ hasText: `${displayDate(newDate)} 07:00 – 07:45` });
  await expect(moved).toContainText(`(dời từ ${usualDay} 19:30 – 20:15)`);

  // The student sees the lesson at its new time and not at the old one.
  const student = await (await browser.newContext()).newPage();
  await signIn(student, "student");
  await student.goto(`/lich?xem=danh-sach&ngay=${newDate}`);
  const day = student.getByRole("region", { name: displayDate(newDate) });
  await expect(day.getByRole("listitem").filter({ hasText: "Toán 9A" })).toContainText("07:00–07:45");
  const oldDay = student.getByRole("region", { name: usualDay! });
  await expect(oldDay.getByRole("listitem").filter({ hasText: "Toán 9A" })).toHaveCount(0);

  // The student's calendar feed carries the moved lesson under its RECURRENCE-ID.
  await student.goto("/tai-khoan");
  // The account may have a feed already (the access matrix makes one): a new address replaces it,
  // so the URL is read once it has changed, never the old one the click has just revoked.
  const feedField = student.getByTestId("feed-url");
  const previousUrl = (await feedField.count()) > 0 ? await feedField.inputValue() : "";
  await student.getByRole("button", { name: /Tạo địa chỉ lịch|Tạo địa chỉ mới/ }).click();
  await expect(feedField).not.toHaveValue(previousUrl);
  const feedUrl = await feedField.inputValue();
  const feed = await (await student.request.get(feedUrl)).text();
  const compact = `${yyyy}${mm}${dd}T193000`;
  expect(feed).toContain(`RECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:${compact}`);
  expect(feed).toContain(`DTSTART;TZID=Asia/Ho_Chi_Minh:${newDate.replace(/-/g, "")}T070000`);
});
