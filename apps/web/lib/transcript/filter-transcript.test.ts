import { describe, expect, it } from "vitest";
import { filterTranscript, foldForFilter } from "./filter-transcript";

const lines = ["Hôm nay chúng ta học quy đồng mẫu số.", "Mẫu số chung nhỏ nhất là sáu.", "Chiến dịch Điện Biên Phủ", "Huyện Đa Krông"];
const find = (query: string) => filterTranscript(lines, lines.map(foldForFilter), query);

describe("the transcript filter", () => {
  it("finds words typed without diacritics, đ as d", () => {
    expect(find("dien bien")).toEqual(["Chiến dịch Điện Biên Phủ"]);
    expect(find("da  krong")).toEqual(["Huyện Đa Krông"]);
    expect(find("QUY DONG")).toEqual(["Hôm nay chúng ta học quy đồng mẫu số."]);
  });
  it("matches the words as a phrase, not scattered syllables", () => {
    expect(find("mau so chung")).toEqual(["Mẫu số chung nhỏ nhất là sáu."]);
  });
  it("shows every line for an empty filter and none for words not said", () => {
    expect(find("  ")).toEqual(lines);
    expect(find("khong co")).toEqual([]);
  });
});
