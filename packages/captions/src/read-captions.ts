import * as webvttModule from "webvtt-parser";
import type { Entity, Tree, TreeNode } from "webvtt-parser";
// The parser's built-in table lacks the ";" forms ("&amp;" became "&;"): give it the HTML table it ships.
import htmlEntities from "webvtt-parser/html-entities.json" with { type: "json" };
import { CaptionsParseError } from "./CaptionsParseError";
import { normalizeCueText, type TTimedText } from "./timed-text";

export type TCaptionsFormat = "vtt" | "srt";

// webvtt-parser is CommonJS in a wrapper whose exports Node's ESM loader cannot see by name
// (only as the default export); bundlers and vitest see them by name.
const { WebVTTParser } = (webvttModule as typeof webvttModule & { default?: typeof webvttModule }).default ?? webvttModule;

/** Cues of WebVTT or SRT, checked by the W3C WebVTT parser; the first problem is refused with its line. */
export interface TReadCaptionsOptions {
  /** From the file name; when absent, a file that starts with "WEBVTT" is WebVTT and anything else SRT. */
  format?: TCaptionsFormat;
}

const BOM = "\ufeff";
// SubRip is WebVTT's ancestor: the same cue blocks without the "WEBVTT" header, with a comma
// before the milliseconds. Read through the WebVTT parser, an SRT file gains these two lines.
const SRT_HEADER = "WEBVTT\n\n";
const SRT_HEADER_LINES = 2;

export function captionsFormatOf(fileName: string | null | undefined): TCaptionsFormat | undefined {
  const extension = /\.([a-z]+)$/i.exec(fileName ?? "")?.[1]?.toLowerCase();
  return extension === "vtt" || extension === "srt" ? extension : undefined;
}

/**
 * Reads a captions file into timed lines. Structure (header, timings, blocks, cue order) is
 * checked strictly; markup inside cue text (<i>, <font>, voices) is dropped, keeping its words.
 */
export function readCaptions(input: string, options: TReadCaptionsOptions = {}): TTimedText[] {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const format = options.format ?? (/^WEBVTT(?:[ \t\r\n]|$)/.test(text) ? "vtt" : "srt");
  const source = format === "vtt" ? text : SRT_HEADER + srtAsWebVtt(text);
  const lineOffset = format === "vtt" ? 0 : SRT_HEADER_LINES;
  const parser = new WebVTTParser(htmlEntities as Record<Entity, string>);
  // "metadata" skips the markup checks of cue text, which SRT's <font> tags would fail.
  const structure = parser.parse(source, "metadata");
  const problem = structure.errors[0];
  if (problem) throw new CaptionsParseError(Math.max(1, problem.line - lineOffset), problem.message);
  const cues = parser.parse(source).cues;
  return cues
    .map((cue) => ({ startSec: cue.startTime, endSec: cue.endTime, text: normalizeCueText(plainText(cue.tree)) }))
    .filter((cue) => cue.text.length > 0);
}

/**
 * SRT cue blocks as WebVTT ones, line for line: "." before the milliseconds, and since SRT has no
 * character references, its "&" and a "<" that opens no tag are plain text that WebVTT must escape.
 */
function srtAsWebVtt(text: string): string {
  return text.replace(/^.*$/gm, (line) =>
    line.includes("-->") ? line.replace(/,/g, ".") : line.replace(/&/g, "&amp;").replace(/<(?!\/?[a-zA-Z])/g, "&lt;"),
  );
}

function plainText(node: Tree | TreeNode): string {
  if ("type" in node && node.type === "text") return node.value;
  if ("type" in node && node.type === "timestamp") return "";
  return "children" in node ? node.children.map(plainText).join("") : "";
}
