import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * A realistic edXML package: Công văn 1234/SGDĐT-VP of the Quảng Trị department, two recipients,
 * a subject over two lines and a signed PDF attached (the PDF beside it, base64-encoded inside).
 */
export const SAMPLE_EDXML_PATH = fileURLToPath(new URL("./cong-van-1234-SGDDT-VP.edxml", import.meta.url));
export const SAMPLE_ATTACHMENT_PATH = fileURLToPath(new URL("./cong-van-1234-SGDDT-VP.pdf", import.meta.url));

export function samplePackageText(): string {
  return readFileSync(SAMPLE_EDXML_PATH, "utf8");
}
