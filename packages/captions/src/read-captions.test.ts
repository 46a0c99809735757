import { describe, expect, it } from "vitest";
import { CaptionsParseError } from "./CaptionsParseError";
import { captionsFormatOf, readCaptions } from "./read-captions";

function refusal(run: () => unknown): CaptionsParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof CaptionsParseError) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

describe("readCaptions()", () => {
  it("reads WebVTT cues as plain timed lines, markup and entities resolved", () => {
    const vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.500\n<v Cô Lan>Chào các em</v>\n\n00:04.000 --> 00:06.250 line:0\nHôm nay học <i>phân số</i> &amp; số thập phân\nvà phép chia\n";
    expect(readCaptions(vtt)).toEqual([
      { startSec: 1, endSec: 3.5, text: "Chào các em" },
      { startSec: 4, endSec: 6.25, text: "Hôm nay học phân số & số thập phân và phép chia" },
    ]);
  });

  it("reads SRT (numbered blocks, commas, CRLF, a byte order mark and <font> tags)", () => {
    const srt = "\ufeff1\r\n00:00:01,000 --> 00:00:03,500\r\n<font color=\"yellow\">Chào các em</font>\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nMẫu số chung: 6\r\n";
    expect(readCaptions(srt)).toEqual([
      { startSec: 1, endSec: 3.5, text: "Chào các em" },
      { startSec: 4, endSec: 6, text: "Mẫu số chung: 6" },
    ]);
  });

  it("refuses a bad WebVTT timestamp, naming its line", () => {
    const error = refusal(() => readCaptions("WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nMột\n\n00:00:0x.000 --> 00:00:06.000\nHai\n"));
    expect(error.line).toBe(6);
  });

  it("refuses a cue whose arrow is broken, which lenient parsers silently drop", () => {
    const error = refusal(() => readCaptions("WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nMột\n\n00:00:04.000 -> 00:00:06.000\nHai\n"));
    expect(error.line).toBe(7);
  });

  it("refuses a cue that ends before it starts", () => {
    expect(refusal(() => readCaptions("WEBVTT\n\n00:00:05.000 --> 00:00:03.500\nMột\n")).line).toBe(3);
  });

  it("names the line of the SRT file as uploaded, not of its WebVTT reading", () => {
    const srt = "1\n00:00:01,000 --> 00:00:03,500\nMột\n\n2\n00:00:04,000 --> 00:00:0x,000\nHai\n";
    expect(refusal(() => readCaptions(srt)).line).toBe(6);
  });

  it("refuses a .vtt file without its header on line 1", () => {
    expect(refusal(() => readCaptions("00:00:01.000 --> 00:00:03.500\nMột\n", { format: "vtt" })).line).toBe(1);
  });

  it("tells the format from the file name", () => {
    expect(captionsFormatOf("bai-3.VTT")).toBe("vtt");
    expect(captionsFormatOf("bai-3.srt")).toBe("srt");
    expect(captionsFormatOf("bai-3.txt")).toBeUndefined();
  });
});
