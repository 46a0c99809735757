import { parseFeed } from "@rowanmanning/feed-parser";
import { parseAtomFeed } from "feedsmith";
import { describe, expect, it } from "vitest";
import { atomId, buildAtomFeed, type TFeedEntry } from "./atom-feed";

const head = {
  key: "hoc-lieu",
  title: "Học liệu số mới",
  subtitle: "Sở Giáo dục và Đào tạo",
  selfUrl: "https://diemcau.example.vn/feeds/hoc-lieu.atom",
  alternateUrl: "https://diemcau.example.vn/hoc-lieu",
  authorName: "Điểm Cầu",
  emptyUpdated: new Date("2026-01-01T00:00:00Z"),
};
const entry: TFeedEntry = {
  key: "material:m1",
  title: "Phân số & số thập phân <lớp 5>",
  summary: "Bài giảng ôn tập.",
  url: "https://diemcau.example.vn/hoc-lieu/m1",
  thumbnail: { url: "https://diemcau.example.vn/media/m1/poster.jpg", width: 1280, height: 720 },
  published: new Date("2026-11-30T02:00:00Z"),
  updated: new Date("2026-12-01T03:04:05Z"),
  categories: ["Toán", "Lớp 5"],
};

describe("buildAtomFeed", () => {
  it("is Atom 1.0 that two feed parsers read back: title, summary, link, thumbnail, dates and stable ids", () => {
    const older = { ...entry, key: "material:m0", title: "Cũ", updated: new Date("2026-11-01T00:00:00Z") };
    const xml = buildAtomFeed(head, [entry, older]);
    const feed = parseFeed(xml);
    expect(feed.meta.type).toBe("atom");
    expect(feed.updated?.toISOString()).toBe("2026-12-01T03:04:05.000Z");
    expect(feed.self).toBe(head.selfUrl);
    const [first] = feed.items;
    expect(first).toMatchObject({ id: atomId("material:m1"), title: entry.title, description: entry.summary, url: entry.url });
    expect(first!.published?.toISOString()).toBe("2026-11-30T02:00:00.000Z");
    expect(first!.updated?.toISOString()).toBe("2026-12-01T03:04:05.000Z");
    expect(first!.image?.url).toBe(entry.thumbnail!.url);
    expect(first!.categories.map((category) => category.term)).toEqual(["Toán", "Lớp 5"]);

    const strict = parseAtomFeed(xml);
    expect(strict.id).toBe(atomId("hoc-lieu"));
    expect(strict.entries?.[0]?.media?.thumbnails?.[0]).toMatchObject({ url: entry.thumbnail!.url, width: 1280, height: 720 });
  });

  it("derives ids from the keys alone: the same key, the same urn:uuid", () => {
    expect(atomId("material:m1")).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(atomId("material:m1")).toBe(atomId("material:m1"));
    expect(atomId("material:m1")).not.toBe(atomId("material:m2"));
  });

  it("gives an empty feed the time it was asked for as its updated", () => {
    expect(parseFeed(buildAtomFeed(head, [])).updated?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });
});
