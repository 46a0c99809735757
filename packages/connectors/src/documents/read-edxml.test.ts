import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DocumentError } from "./document-error";
import { EDXML_MAX_BYTES } from "./edxml-format";
import { importEdxml, readEdxml } from "./read-edxml";
import { SAMPLE_ATTACHMENT_PATH, samplePackageText } from "./testing/sample-package";

const bytes = (text: string) => Buffer.from(text, "utf8");

function refusal(work: () => unknown): DocumentError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    return error as DocumentError;
  }
  throw new Error("expected a refusal");
}

describe("importEdxml() on a realistic package", () => {
  it("reads number and notation, issuer, recipients, place, date, type, subject, signer and attachments", () => {
    expect(importEdxml(bytes(samplePackageText()))).toEqual({
      numberNotation: "1234/SGDĐT-VP",
      issuer: "Sở Giáo dục và Đào tạo",
      issuerOrganId: "000.00.00.H48",
      recipients: ["Phòng Giáo dục và Đào tạo thành phố Đông Hà", "Phòng Giáo dục và Đào tạo huyện Cam Lộ"],
      place: "Quảng Trị",
      promulgatedOn: "2024-09-05",
      documentType: "Công văn",
      subject: "V/v tổ chức hội nghị trực tuyến triển khai nhiệm vụ năm học 2024-2025",
      signerName: "Lê Thị Hồng Nhung",
      signerPosition: "Phó Giám đốc",
      attachments: ["1234-SGDĐT-VP.signed.pdf"],
    });
  });

  it("carries each attachment's content, base64 as the standard has it, bound to its name by ContentId", () => {
    const [attachment] = readEdxml(bytes(samplePackageText())).attachments;
    expect(attachment).toMatchObject({ name: "1234-SGDĐT-VP.signed.pdf", contentType: "application/pdf" });
    expect(Buffer.from(attachment!.contentBase64!, "base64").equals(readFileSync(SAMPLE_ATTACHMENT_PATH))).toBe(true);
  });

  it("accepts a byte order mark and the envelope as the root element", () => {
    const text = samplePackageText();
    const envelope = text.slice(text.indexOf("<edXML:edXMLEnvelope"), text.indexOf("</edXML:edXMLEnvelope>") + "</edXML:edXMLEnvelope>".length);
    expect(importEdxml(bytes(`\uFEFF${envelope}`)).numberNotation).toBe("1234/SGDĐT-VP");
  });
});

describe("importEdxml() refuses bad input precisely", () => {
  const sample = samplePackageText();

  it("an empty file", () => {
    expect(refusal(() => importEdxml(new Uint8Array())).code).toBe("EDXML_EMPTY");
  });

  it("a file that is not XML, naming where it breaks", () => {
    const error = refusal(() => importEdxml(bytes("Số: 1234/SGDĐT-VP\nV/v tổ chức hội nghị")));
    // saxes notices stray text where the text run ends.
    expect([error.code, error.message]).toEqual(["EDXML_NOT_XML", "Tệp không phải XML hợp lệ (lỗi ở dòng 2, cột 20)."]);
    expect(refusal(() => importEdxml(bytes(sample.replace("</edXML:Subject>", "</edXML:Subjet>")))).code).toBe("EDXML_NOT_XML");
  });

  it("bytes that are not UTF-8", () => {
    expect(refusal(() => importEdxml(Buffer.from(sample, "latin1"))).code).toBe("EDXML_NOT_UTF8");
  });

  it("XML without the edXML namespace", () => {
    const error = refusal(() => importEdxml(bytes(sample.replaceAll("http://www.mic.gov.vn/TBT/QCVN_102_2016", "http://example.org/edoc"))));
    expect(error.message).toBe("Tệp XML không phải gói tin edXML (thiếu không gian tên http://www.mic.gov.vn/TBT/QCVN_102_2016).");
    expect(refusal(() => importEdxml(bytes('<?xml version="1.0"?><edXML><Subject>x</Subject></edXML>'))).code).toBe("EDXML_NOT_EDXML");
  });

  it("missing required fields, all named at once in the standard's terms", () => {
    const withoutNumber = sample.replace("<edXML:CodeNumber>1234</edXML:CodeNumber>", "<edXML:CodeNumber></edXML:CodeNumber>");
    const withoutBoth = withoutNumber.replace(/<edXML:Subject>[\s\S]*?<\/edXML:Subject>/, "");
    const error = refusal(() => importEdxml(bytes(withoutBoth)));
    expect([error.code, error.message]).toEqual(["EDXML_MISSING_FIELDS", "Gói tin edXML thiếu trường bắt buộc: Code/CodeNumber, Subject."]);
    expect(error.params).toEqual({ fields: "Code/CodeNumber, Subject" });
    const noHeader = sample.replace(/<edXML:edXMLHeader>[\s\S]*<\/edXML:edXMLHeader>/, "");
    expect(refusal(() => importEdxml(bytes(noHeader))).message).toBe("Gói tin edXML thiếu trường bắt buộc: edXMLEnvelope/edXMLHeader/MessageHeader.");
  });

  it.each(["05/09/2024", "2024-09-05", "2024/02/30", "2024/13/01", "ngày 5 tháng 9"])("a bad promulgation date: %s", (date) => {
    const error = refusal(() => importEdxml(bytes(sample.replace("<edXML:PromulgationDate>2024/09/05", `<edXML:PromulgationDate>${date}`))));
    expect([error.code, error.message]).toEqual([
      "EDXML_BAD_DATE",
      `Ngày ban hành “${date}” không hợp lệ; edXML ghi ngày theo dạng yyyy/MM/dd (ví dụ 2024/09/05).`,
    ]);
  });

  it("a field longer than a document link holds", () => {
    const error = refusal(() => importEdxml(bytes(sample.replace("<edXML:FullName>Lê Thị Hồng Nhung", `<edXML:FullName>${"Lê ".repeat(100)}`))));
    expect([error.code, error.params?.field]).toEqual(["EDXML_INVALID_FIELD", "SignerInfo/FullName"]);
  });

  it("a package over 20 MB, before parsing it", () => {
    const big = Buffer.alloc(EDXML_MAX_BYTES + 1, 0x20);
    expect(refusal(() => importEdxml(big)).message).toBe("Tệp edXML quá lớn. Dung lượng tối đa 20 MB.");
  });
});

describe("entities are never resolved", () => {
  const folder = mkdtempSync(join(tmpdir(), "diemcau-xxe-"));
  const secretPath = join(folder, "secret.txt");
  const secret = `BI-MAT-${process.pid}-${Date.now()}`;
  writeFileSync(secretPath, secret);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  // Each payload would put the local file (or an expansion) into the subject if it were resolved.
  const sample = samplePackageText();
  const withSubject = (doctype: string, subject: string) =>
    sample
      .replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" encoding="UTF-8"?>\n${doctype}`)
      .replace(/<edXML:Subject>[\s\S]*?<\/edXML:Subject>/, `<edXML:Subject>${subject}</edXML:Subject>`);
  const payloads = {
    "an external entity (XXE) naming a local file": withSubject(`<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file://${secretPath}">]>`, "&xxe;"),
    "an external parameter entity": withSubject(`<!DOCTYPE edXML [<!ENTITY % p SYSTEM "file://${secretPath}"> %p;]>`, "Trích yếu"),
    "an external DTD": withSubject(`<!DOCTYPE edXML SYSTEM "file://${secretPath}">`, "Trích yếu"),
    "an internal entity (billion laughs)": withSubject(`<!DOCTYPE edXML [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>`, "&b;"),
  };

  it.each(Object.entries(payloads))("%s is refused and the file never read", (_name, xml) => {
    const error = refusal(() => importEdxml(bytes(xml)));
    expect(error.code).toBe("EDXML_DOCTYPE_FORBIDDEN");
    expect(JSON.stringify({ message: error.message, params: error.params })).not.toContain(secret);
  });

  it("an entity reference without any declaration is not XML", () => {
    const error = refusal(() => importEdxml(bytes(withSubject("", "&xxe;"))));
    expect(error.code).toBe("EDXML_NOT_XML");
  });
});
