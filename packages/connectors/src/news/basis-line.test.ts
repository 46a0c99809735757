import { describe, expect, it } from "vitest";
import { buildBasisLine, type TBasisDocument } from "./basis-line";

const dispatch: TBasisDocument = {
  numberNotation: "1234/SGDĐT-VP",
  issuer: "Sở Giáo dục và Đào tạo",
  // 05/09/2024 in Asia/Ho_Chi_Minh, still 04/09 in UTC.
  promulgatedAt: new Date("2024-09-04T18:30:00Z"),
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
    const plan = { ...dispatch, numberNotation: "56/KH-SGDĐT", documentType: "Kế hoạch", subject: "Về việc: bồi dưỡng giáo viên.", promulgatedAt: null };
    expect(buildBasisLine([dispatch, plan, { ...dispatch, numberNotation: " 1234/sgdđt-vp " }])).toBe(
      "Căn cứ Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục và Đào tạo về việc tổ chức tập huấn chuyển đổi số năm học 2024-2025; " +
        "Kế hoạch số 56/KH-SGDĐT của Sở Giáo dục và Đào tạo về việc bồi dưỡng giáo viên.",
    );
  });

  it("calls a document without a type 'Văn bản' and leaves out what is unknown", () => {
    expect(buildBasisLine([{ numberNotation: "7/TB", issuer: "", promulgatedAt: null, documentType: null, subject: "" }])).toBe("Căn cứ Văn bản số 7/TB.");
  });

  it("is null without documents", () => {
    expect(buildBasisLine([])).toBeNull();
  });
});
