import { describe, expect, it } from "vitest";
import { readPortalFeed, relatedMaterialIds, type TRelatedTarget } from "./related-news";

// The shape of a WordPress portal's /feed/ (RSS 2.0 with content:encoded).
const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Cổng thông tin Sở GD&amp;ĐT</title><link>https://sogddt.example.vn</link><description>Tin tức</description>
  <item>
    <title>Sở GD&amp;ĐT tổ chức Hội nghị tập huấn chuyển đổi số năm học 2024-2025</title>
    <link>https://sogddt.example.vn/hoi-nghi-tap-huan/</link>
    <pubDate>Thu, 05 Sep 2024 09:00:00 +0000</pubDate>
    <description><![CDATA[<p>Thực hiện Công văn số 1234/SGDĐT-VP&hellip;</p>]]></description>
    <content:encoded><![CDATA[<p>Sáng 05/09, hội nghị kết nối 9 điểm cầu.</p>]]></content:encoded>
  </item>
  <item>
    <title>Họp giao ban tháng 9</title>
    <link>https://sogddt.example.vn/hop-giao-ban/</link>
    <description>Nội dung họp giao ban theo văn bản số 12345/SGDĐT-VP.</description>
  </item>
  <item><title>Bài không có liên kết</title></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tin</title><id>urn:x</id><updated>2024-09-06T00:00:00Z</updated>
  <entry><title>Tổng kết tập huấn</title><id>urn:y</id><updated>2024-09-06T00:00:00Z</updated>
    <link href="https://sogddt.example.vn/tong-ket/"/><summary>Theo Kế hoạch 56/KH-SGDĐT.</summary></entry>
</feed>`;

const targets: TRelatedTarget[] = [
  { materialId: "conference", eventTitle: "Hội nghị tập huấn chuyển đổi số năm học 2024-2025", documentNumbers: [] },
  { materialId: "dispatch", eventTitle: null, documentNumbers: ["1234/SGDĐT-VP"] },
  { materialId: "plan", eventTitle: "Tập huấn", documentNumbers: ["56/KH-SGDĐT"] },
  { materialId: "short-title", eventTitle: "Họp giao ban", documentNumbers: [] },
];

describe("readPortalFeed", () => {
  it("reads the articles of an RSS feed (HTML stripped, entities decoded) and leaves out those without a link", () => {
    const articles = readPortalFeed(RSS);
    expect(articles.map((article) => article.url)).toEqual(["https://sogddt.example.vn/hoi-nghi-tap-huan/", "https://sogddt.example.vn/hop-giao-ban/"]);
    expect(articles[0]!.title).toBe("Sở GD&ĐT tổ chức Hội nghị tập huấn chuyển đổi số năm học 2024-2025");
    expect(articles[0]!.text).toContain("Công văn số 1234/SGDĐT-VP…");
    expect(articles[0]!.publishedAt?.toISOString()).toBe("2024-09-05T09:00:00.000Z");
  });

  it("reads an Atom feed too", () => {
    expect(readPortalFeed(ATOM)).toMatchObject([{ url: "https://sogddt.example.vn/tong-ket/", title: "Tổng kết tập huấn" }]);
  });
});

describe("relatedMaterialIds", () => {
  const [conference, shortTitle] = readPortalFeed(RSS);
  const [summary] = readPortalFeed(ATOM);

  it("relates an article that names the event's title (whatever its case) or a document number", () => {
    expect(relatedMaterialIds(conference!, targets)).toEqual(["conference", "dispatch"]);
    expect(relatedMaterialIds(summary!, targets)).toEqual(["plan"]);
  });

  it("matches without diacritics, so a title typed without them still matches", () => {
    expect(relatedMaterialIds(conference!, [{ materialId: "m", eventTitle: "hoi nghi tap huan chuyen doi so", documentNumbers: [] }])).toEqual(["m"]);
  });

  it("never matches a short, common title, nor a number inside a longer one", () => {
    // "Họp giao ban" is in the second article, and 1234/SGDĐT-VP only inside 12345/SGDĐT-VP.
    expect(relatedMaterialIds(shortTitle!, targets)).toEqual([]);
  });
});
