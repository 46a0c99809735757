import { describe, expect, it } from "vitest";
import { frameHeaders, parseAllowedOrigins } from "./frame-policy";

const portals = ["https://sogddt.example.vn", "http://127.0.0.1:8080"];

describe("frameHeaders", () => {
  it("lets the portal origins (and the site itself) frame the embed player", () => {
    expect(frameHeaders("/nhung/m1", portals)).toEqual({
      "content-security-policy": "frame-ancestors 'self' https://sogddt.example.vn http://127.0.0.1:8080",
    });
  });

  it("refuses framing of every other page, in CSP and in X-Frame-Options", () => {
    for (const path of ["/", "/hoc-lieu/m1", "/dang-nhap", "/nhung", "/api/health"]) {
      expect(frameHeaders(path, portals)).toEqual({ "content-security-policy": "frame-ancestors 'none'", "x-frame-options": "DENY" });
    }
  });

  it("lets only the site itself frame the player while no portal is configured", () => {
    expect(frameHeaders("/nhung/m1", [])).toEqual({ "content-security-policy": "frame-ancestors 'self'" });
  });
});

describe("parseAllowedOrigins", () => {
  it("reads origins separated by commas or spaces, as scheme://host[:port]", () => {
    expect(parseAllowedOrigins(" https://SoGDDT.example.vn/ ,http://127.0.0.1:8080  https://a.example ")).toEqual([
      "https://sogddt.example.vn",
      "http://127.0.0.1:8080",
      "https://a.example",
    ]);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
  });

  it("refuses what is not an origin, so no policy can be widened by a typo", () => {
    expect(() => parseAllowedOrigins("sogddt.example.vn")).toThrow();
    expect(() => parseAllowedOrigins("https://a.example/tin-tuc")).toThrow(/origin/);
    expect(() => parseAllowedOrigins("javascript:alert(1)")).toThrow();
    expect(() => parseAllowedOrigins("*")).toThrow();
  });
});
