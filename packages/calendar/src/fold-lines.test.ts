import { foldLines as libraryFoldLines } from "ical-generator";
import { describe, expect, it } from "vitest";
import { foldLines } from "./fold-lines";

const LINES = [
  `DESCRIPTION:${"Hội nghị trực tuyến triển khai nhiệm vụ năm học 2026-2027 — Điểm cầu Phòng GD&ĐT Đông Hà 📅 ".repeat(6)}`,
  "SUMMARY:Toán 9A",
  `X-LONG:${"a".repeat(300)}`,
  `X-WIDE:${"ệ".repeat(120)}`,
];

describe("foldLines", () => {
  it("folds exactly as ical-generator does, never past 75 octets and never inside a character", () => {
    const text = LINES.join("\r\n");
    const folded = foldLines(text);
    expect(folded).toBe(libraryFoldLines(text));
    for (const line of folded.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(text);
  });
});
