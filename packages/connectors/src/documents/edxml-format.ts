import { documentError } from "./document-error";

/** The namespace of QCVN 102:2016/BTTTT: every edXML package's elements live in it. */
export const EDXML_NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
export const XLINK_NAMESPACE = "http://www.w3.org/1999/xlink";

/** The largest package accepted (attachments travel base64-encoded inside it). */
export const EDXML_MAX_BYTES = 20 * 1024 * 1024;
export const EDXML_MAX_LABEL = "20 MB";

const EDXML_DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/;

/** edXML's "yyyy/MM/dd" → ISO "yyyy-MM-dd"; a malformed or impossible date (2024/02/30) is refused. */
export function parseEdxmlDate(value: string): string {
  const match = EDXML_DATE.exec(value);
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) {
      return `${match[1]}-${match[2]}-${match[3]}`;
    }
  }
  throw documentError("EDXML_BAD_DATE", { value });
}

/** ISO "yyyy-MM-dd" → edXML's "yyyy/MM/dd". */
export function formatEdxmlDate(isoDate: string): string {
  return isoDate.replaceAll("-", "/");
}
