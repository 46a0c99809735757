import { describe, expect, it } from "vitest";
import { articleSlug, foldVietnamese } from "./slug";

describe("articleSlug", () => {
  it("folds Vietnamese (đ as d) into lower-case words and a unique tail", () => {
    expect(articleSlug("Tập huấn Chuyển đổi số: Đợt 2 (2024)", "ck9Z3x")).toBe("tap-huan-chuyen-doi-so-dot-2-2024-ck9z3x");
  });

  it("keeps only a–z, 0–9 and hyphens, so WordPress stores it unchanged", () => {
    expect(articleSlug("¿Họp — giao ban? 🎓", "A_b-1")).toMatch(/^[a-z0-9-]+$/);
    expect(articleSlug("🎓", "k1")).toBe("k1");
  });

  it("folds every tone and đ", () => {
    expect(foldVietnamese("Ắ Ằ Ẳ Ẵ Ặ ư ơ Đ đ")).toBe("a a a a a u o d d");
  });
});
