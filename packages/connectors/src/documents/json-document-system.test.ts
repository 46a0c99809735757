import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DocumentError } from "./document-error";
import { createDocumentsConnector } from "./documents-connector";
import { lookupJsonDocument, type TJsonDocument } from "./json-document-system";
import { startFakeDocumentSystem, type TFakeDocumentSystem } from "./testing/fake-document-system";

const KE_HOACH: TJsonDocument = {
  From: { OrganId: "000.00.00.H48", OrganName: "Sở Giáo dục và Đào tạo" },
  To: [{ OrganName: "Các Phòng Giáo dục và Đào tạo" }],
  Code: { CodeNumber: "15", CodeNotation: "KH-SGDĐT" },
  PromulgationInfo: { Place: "Quảng Trị", PromulgationDate: "2026/08/20" },
  DocumentType: { TypeName: "Kế hoạch" },
  Subject: "Tập huấn chuyển đổi số trong dạy học năm học 2026-2027",
  SignerInfo: { FullName: "Hoàng Văn Dũng", Position: "Giám đốc" },
  Attachments: [{ AttachmentName: "15-KH-SGDĐT.pdf" }],
};

let system: TFakeDocumentSystem;
const TOKEN = "token-cua-so";

beforeAll(async () => {
  system = await startFakeDocumentSystem(
    {
      "15/KH-SGDĐT": KE_HOACH,
      "16/KH-SGDĐT": "<html>Bảo trì hệ thống</html>",
      "17/KH-SGDĐT": { ...KE_HOACH, Code: { CodeNumber: "17", CodeNotation: "" } },
      "18/KH-SGDĐT": { ...KE_HOACH, PromulgationInfo: { PromulgationDate: "20/08/2026" } },
    },
    TOKEN,
  );
});
afterAll(() => system?.close());

async function refusal(promise: Promise<unknown>): Promise<DocumentError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DocumentError);
  return error as DocumentError;
}

describe("the document system's JSON endpoint, against a fake of the department's system", () => {
  it("looks a document up by number and notation, with the configured token", async () => {
    const connector = createDocumentsConnector({ DOCUMENT_SYSTEM_LOOKUP_URL: system.lookupUrl, DOCUMENT_SYSTEM_TOKEN: TOKEN });
    expect(await connector.lookup!("15/KH-SGDĐT")).toEqual({
      numberNotation: "15/KH-SGDĐT",
      issuer: "Sở Giáo dục và Đào tạo",
      issuerOrganId: "000.00.00.H48",
      recipients: ["Các Phòng Giáo dục và Đào tạo"],
      place: "Quảng Trị",
      promulgatedOn: "2026-08-20",
      documentType: "Kế hoạch",
      subject: "Tập huấn chuyển đổi số trong dạy học năm học 2026-2027",
      signerName: "Hoàng Văn Dũng",
      signerPosition: "Giám đốc",
      attachments: ["15-KH-SGDĐT.pdf"],
    });
    expect(system.requests.at(-1)).toEqual({ number: "15/KH-SGDĐT", authorization: `Bearer ${TOKEN}` });
  });

  it("says plainly when the document is not there, unreadable, incomplete or the system is down", async () => {
    const options = { lookupUrl: system.lookupUrl, token: TOKEN };
    const notThere = await refusal(lookupJsonDocument(options, "99/KH-SGDĐT"));
    expect([notThere.code, notThere.message]).toEqual(["DOCUMENT_NOT_IN_SYSTEM", "Không tìm thấy văn bản số 99/KH-SGDĐT trong hệ thống quản lý văn bản."]);
    expect((await refusal(lookupJsonDocument(options, "16/KH-SGDĐT"))).code).toBe("DOCUMENT_SYSTEM_BAD_RESPONSE");
    expect((await refusal(lookupJsonDocument(options, "17/KH-SGDĐT"))).params).toEqual({ fields: "Code/CodeNotation" });
    expect((await refusal(lookupJsonDocument(options, "18/KH-SGDĐT"))).code).toBe("DOCUMENT_SYSTEM_BAD_RESPONSE");
    expect((await refusal(lookupJsonDocument({ lookupUrl: system.lookupUrl }, "15/KH-SGDĐT"))).code).toBe("DOCUMENT_SYSTEM_UNREACHABLE");
    const down = await startFakeDocumentSystem({});
    await down.close();
    expect((await refusal(lookupJsonDocument({ lookupUrl: down.lookupUrl }, "15/KH-SGDĐT"))).code).toBe("DOCUMENT_SYSTEM_UNREACHABLE");
  });

  it("is off until configured, and links documents only with a URL template", () => {
    const off = createDocumentsConnector({});
    expect([off.lookup, off.documentUrl("1234/SGDĐT-VP")]).toEqual([null, null]);
    const on = createDocumentsConnector({ DOCUMENT_URL_TEMPLATE: "https://vanban.quangtri.gov.vn/van-ban?so={number}" });
    expect(on.documentUrl("1234/SGDĐT-VP")).toBe("https://vanban.quangtri.gov.vn/van-ban?so=1234%2FSGD%C4%90T-VP");
  });
});
