import { describe, expect, it } from "vitest";
import { buildVideoOEmbed, fitPlayerSize, OEMBED_PLAYER_SIZE, ZOEmbedVideoSchema } from "./oembed";

const source = {
  title: 'Phân số "bằng nhau" & <rút gọn>',
  embedUrl: "https://diemcau.example.vn/nhung/m1",
  providerName: "Điểm Cầu",
  providerUrl: "https://diemcau.example.vn/",
  thumbnail: { url: "https://diemcau.example.vn/media/m1/poster.jpg", width: 1280, height: 720 },
};

describe("buildVideoOEmbed", () => {
  it("answers oEmbed 1.0 type video with an iframe of the embed page, its size and the poster", () => {
    const answer = buildVideoOEmbed(source);
    expect(ZOEmbedVideoSchema.parse(answer)).toEqual(answer);
    expect(answer).toMatchObject({ version: "1.0", type: "video", width: 640, height: 360, thumbnail_width: 1280, thumbnail_height: 720 });
    expect(answer.html).toBe(
      '<iframe src="https://diemcau.example.vn/nhung/m1" width="640" height="360" title="Phân số &quot;bằng nhau&quot; &amp; &lt;rút gọn&gt;" ' +
        'frameborder="0" allow="fullscreen; picture-in-picture" allowfullscreen></iframe>',
    );
  });

  it("sends no thumbnail fields without a poster", () => {
    const answer = buildVideoOEmbed({ ...source, thumbnail: null });
    expect(Object.keys(answer).filter((key) => key.startsWith("thumbnail"))).toEqual([]);
  });

  it("fits the player into maxwidth and maxheight, keeping 16:9", () => {
    expect(fitPlayerSize()).toEqual(OEMBED_PLAYER_SIZE);
    expect(fitPlayerSize(480)).toEqual({ width: 480, height: 270 });
    expect(fitPlayerSize(undefined, 180)).toEqual({ width: 320, height: 180 });
    expect(fitPlayerSize(2000, 2000)).toEqual(OEMBED_PLAYER_SIZE);
    expect(fitPlayerSize(10, 10)).toEqual({ width: 160, height: 90 });
  });
});
