import { describe, expect, it } from "vitest";
import { readCaptions } from "./read-captions";
import { captionsSrt, captionsVtt, chaptersVtt, vttTimestamp } from "./write-vtt";

describe("WebVTT and SRT writing", () => {
  it("formats timestamps", () => {
    expect(vttTimestamp(0)).toBe("00:00:00.000");
    expect(vttTimestamp(3725.5)).toBe("01:02:05.500");
  });
  it("writes captions with escaped text and skips empty cues", () => {
    const text = captionsVtt([
      { startSec: 0, endSec: 2.5, text: "Chào các em <b> & -->" },
      { startSec: 3, endSec: 3, text: "rỗng" },
    ]);
    expect(text).toBe("WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.500\nChào các em &lt;b> &amp; →\n");
  });
  it("runs each chapter until the next one and the last until the end", () => {
    const text = chaptersVtt([{ startSec: 60, title: "Ví dụ" }, { startSec: 0, title: "Mở đầu" }], 120);
    expect(text).toContain("1\n00:00:00.000 --> 00:01:00.000\nMở đầu");
    expect(text).toContain("2\n00:01:00.000 --> 00:02:00.000\nVí dụ");
  });
  it("reads back what it writes, in both formats", () => {
    const cues = [
      { startSec: 1.2, endSec: 3.4, text: "Hai phân số 1/2 và 1/3 < 1" },
      { startSec: 65, endSec: 70.5, text: "Mẫu số chung: 6 & hết" },
    ];
    expect(readCaptions(captionsVtt(cues))).toEqual(cues);
    expect(readCaptions(captionsSrt(cues))).toEqual(cues);
  });
});
