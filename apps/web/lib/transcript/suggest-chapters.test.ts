import { describe, expect, it } from "vitest";
import { suggestChapters } from "./suggest-chapters";

describe("chapters suggested by slides", () => {
  it("titles each slide change by the slide's first line and leaves out moments that are chapters already", () => {
    const slides = [
      { startSec: 0.04, text: "Bài 3: Quy đồng mẫu số\nHai phân số 1/2 và 1/3" },
      { startSec: 7.2, text: "Mẫu số chung: 6\n1/2 = 3/6" },
      { startSec: 12.6, text: "Luyện tập" },
    ];
    expect(suggestChapters(slides, [{ startSec: 7 }])).toEqual([
      { startSec: 0, title: "Bài 3: Quy đồng mẫu số" },
      { startSec: 13, title: "Luyện tập" },
    ]);
  });
});
