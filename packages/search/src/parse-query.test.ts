import { describe, expect, it } from "vitest";
import { MAX_QUERY_CHARS, parseSearchQuery } from "./parse-query";

describe("parseSearchQuery", () => {
  it("keeps the words to look for in order, without excluded words and 'or'", () => {
    expect(parseSearchQuery('"phân số" tối giản -toán or lý')).toMatchObject({
      matchText: '"phân số" tối giản -toán or lý',
      words: ["phân", "số", "tối", "giản", "lý"],
      exactWords: ["phân", "số", "tối", "giản", "lý"],
      prefix: null,
    });
  });

  it("ranks by the words typed with diacritics only, lower-cased and composed", () => {
    expect(parseSearchQuery("PHA\u0302N so").exactWords).toEqual(["phân"]);
    expect(parseSearchQuery("dien bien").exactWords).toEqual([]);
  });

  it("treats the last word as a prefix only while typing, and only when it is a word of two letters or more", () => {
    expect(parseSearchQuery("phuong tr", { typing: true })).toMatchObject({ matchText: "phuong", prefix: "tr", words: ["phuong", "tr"] });
    expect(parseSearchQuery("Phương Tr", { typing: true })).toMatchObject({ prefix: "tr", exactWords: ["phương"] });
    expect(parseSearchQuery("phuong tr ", { typing: true }).prefix).toBeNull();
    expect(parseSearchQuery("phuong t", { typing: true }).prefix).toBeNull();
    expect(parseSearchQuery('"phuong tr', { typing: true }).prefix).toBeNull();
    expect(parseSearchQuery("phuong -tr", { typing: true }).prefix).toBeNull();
    expect(parseSearchQuery("phuong tr").prefix).toBeNull();
  });

  it("reads operators and control characters as separators, and finds no word in operators alone", () => {
    expect(parseSearchQuery("& | ! : * ( ) '").words).toEqual([]);
    expect(parseSearchQuery("lập\u0000trình\u0007").words).toEqual(["lập", "trình"]);
  });

  it("cuts a long query at a word boundary", () => {
    const query = parseSearchQuery("lập trình ".repeat(100));
    expect(query.text.length).toBeLessThanOrEqual(MAX_QUERY_CHARS);
    expect(query.text.endsWith("lập") || query.text.endsWith("trình")).toBe(true);
  });
});
