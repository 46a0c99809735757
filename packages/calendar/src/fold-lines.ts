/** RFC 5545 §3.1: content lines longer than 75 octets continue on lines that start with a space. */
const MAX_OCTETS = 75;

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds CRLF-separated content lines without splitting a UTF-8 sequence. Same result as
 * ical-generator's foldLines, which builds a TextEncoder per character and so took most of the
 * time of a large feed.
 */
export function foldLines(text: string): string {
  return text
    .split("\r\n")
    .map((line) => {
      let out = "";
      let octets = 0;
      for (const char of line) {
        const size = utf8Length(char.codePointAt(0)!);
        octets += size;
        if (octets > MAX_OCTETS - 1) {
          out += "\r\n ";
          octets = size;
        }
        out += char;
      }
      return out;
    })
    .join("\r\n");
}
