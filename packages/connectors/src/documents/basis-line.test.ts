import { describe, expect, it } from "vitest";
import { basisSubject, buildBasisLine, type TBasisDocument } from "./basis-line";

const dispatch: TBasisDocument = {
  numberNotation: "1234/SGDĐT-VP",
  issuer: "Sở Giáo dục và Đào tạo",
  // A date-only column reads back at UTC midnight.
  promulgatedOn: new Date("2024-09-05T00:00:00Z"),
  documentType: "Công văn",
  subject: "V/v tổ chức tập huấn chuyển đổi số năm học 2024-2025",
};

describe("buildBasisLine", () => {
  it("names the type, number, day in the department's zone, issuer and subject, saying 'về việc' once", () => {
    expect(buildBasisLine([dispatch])).toBe(
      "Căn cứ Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục và Đào tạo về việc tổ chức tập huấn chuyển đổi số năm học 2024-2025.",
    );
  });

  it("joins several documents with semicolons and lists a number once", () => {
    const plan = { ...dispatch, numberNotation: "56/KH-SGDĐT", documentType: "Kế hoạch", subject: "Về việc: bồi dưỡng giáo viên.", promulgatedOn: null };
    expect(buildBasisLine([dispatch, plan, { ...dispatch, numberNotation: " 1234/sgdđt-vp " }])).toBe(
      "Căn cứ Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục và Đào tạo về việc tổ chức tập huấn chuyển đổi số năm học 2024-2025; " +
        "Kế hoạch số 56/KH-SGDĐT của Sở Giáo dục và Đào tạo về việc bồi dưỡng giáo viên.",
    );
  });

  it("calls a document without a type 'Văn bản' and leaves out what is unknown", () => {
    expect(buildBasisLine([{ numberNotation: "7/TB", issuer: "", promulgatedOn: null, documentType: null, subject: "" }])).toBe("Căn cứ Văn bản số 7/TB.");
  });

  it("keeps a line of the old free text that had no number as it was typed", () => {
    const note = { numberNotation: null, issuer: null, promulgatedOn: null, documentType: null, subject: "Kế hoạch năm học của Sở (chưa có số)" };
    expect(buildBasisLine([note, dispatch])).toBe(
      "Căn cứ Kế hoạch năm học của Sở (chưa có số); Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục và Đào tạo về việc tổ chức tập huấn chuyển đổi số năm học 2024-2025.",
    );
  });

  it.each([
    ["V/v tổ chức hội nghị trực tuyến", "tổ chức hội nghị trực tuyến"],
    ["v/v: tổ chức hội nghị", "tổ chức hội nghị"],
    ["Về việc triển khai nhiệm vụ năm học", "triển khai nhiệm vụ năm học"],
    ["Tập huấn chuyển đổi số", "Tập huấn chuyển đổi số"],
    ["V/v", "V/v"],
  ])("basisSubject(%s) is %s", (subject, expected) => {
    expect(basisSubject(subject)).toBe(expected);
  });

  it("is null without documents", () => {
    expect(buildBasisLine([])).toBeNull();
  });
});
