import { describe, expect, it } from "vitest";
import { materialIdFromUrl, publicUrls } from "./public-urls";

const base = "https://diemcau.example.vn";

describe("materialIdFromUrl", () => {
  it("reads the material of its page, the English alias and the embed, with or without a query", () => {
    expect(materialIdFromUrl(publicUrls.material(base, "cm1"), base)).toBe("cm1");
    expect(materialIdFromUrl(`${base}/materials/cm1/?t=30`, base)).toBe("cm1");
    expect(materialIdFromUrl(publicUrls.embed(base, "cm1"), base)).toBe("cm1");
  });

  it("names nothing on another site, another page or a URL that is not one", () => {
    expect(materialIdFromUrl("https://evil.example/hoc-lieu/cm1", base)).toBeNull();
    expect(materialIdFromUrl("http://diemcau.example.vn/hoc-lieu/cm1", base)).toBeNull();
    expect(materialIdFromUrl(`${base}/hoc-lieu`, base)).toBeNull();
    expect(materialIdFromUrl(`${base}/hoc-lieu/cm1/sua`, base)).toBeNull();
    expect(materialIdFromUrl("not a url", base)).toBeNull();
  });
});
