import { describe, expect, it } from "vitest";
import { basisSubject } from "./basis-subject";

describe("basisSubject()", () => {
  it.each([
    ["V/v tổ chức hội nghị trực tuyến", "tổ chức hội nghị trực tuyến"],
    ["v/v: tổ chức hội nghị", "tổ chức hội nghị"],
    ["Về việc triển khai nhiệm vụ năm học", "triển khai nhiệm vụ năm học"],
    ["Tập huấn chuyển đổi số", "Tập huấn chuyển đổi số"],
    ["V/v", "V/v"],
  ])("%s → %s", (subject, expected) => {
    expect(basisSubject(subject)).toBe(expected);
  });
});
