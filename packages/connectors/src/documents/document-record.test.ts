import { describe, expect, it } from "vitest";
import { ZDocumentRecordSchema } from "./document-record";

describe("ZDocumentRecordSchema (a document typed by hand)", () => {
  it("needs a number and a subject; empty optional fields read as absent", () => {
    expect(ZDocumentRecordSchema.parse({ numberNotation: " 15/KH-SGDĐT ", subject: "Tập huấn", issuer: "", promulgatedOn: "" })).toEqual({
      numberNotation: "15/KH-SGDĐT",
      subject: "Tập huấn",
      documentType: null,
      issuer: null,
      issuerOrganId: null,
      promulgatedOn: null,
      place: null,
      signerName: null,
      signerPosition: null,
      recipients: [],
      attachments: [],
    });
  });

  it.each([
    [{ numberNotation: "", subject: "Tập huấn" }, "Vui lòng nhập số, ký hiệu văn bản."],
    [{ numberNotation: "15/KH-SGDĐT", subject: "  " }, "Vui lòng nhập trích yếu văn bản."],
    [{ numberNotation: "15/KH-SGDĐT", subject: "Tập huấn", promulgatedOn: "2026-02-30" }, "Ngày ban hành không hợp lệ."],
  ])("refuses %j: %s", (input, message) => {
    const result = ZDocumentRecordSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
  });
});
