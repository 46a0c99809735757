import { describe, expect, it } from "vitest";
import { frameAncestorsFor, parseAllowedOrigins } from "./frame-policy";
import { securityHeaders } from "./security-headers";

const portals = ["https://sogddt.example.vn", "http://127.0.0.1:8080"];
const headersFor = (path: string, origins = portals) =>
  securityHeaders({ nonce: "bm9uY2U=", mediaServerUrl: "http://localhost:3001", frameAncestors: frameAncestorsFor(path, origins), https: false, development: false });

describe("the frame policy, as the security headers say it", () => {
  it("lets the site itself and the portal origins frame the embed player", () => {
    const headers = headersFor("/nhung/m1");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'self' https://sogddt.example.vn http://127.0.0.1:8080");
    expect(headers).not.toHaveProperty("x-frame-options");
  });

  it("refuses framing of every other page, in CSP and in X-Frame-Options", () => {
    for (const path of ["/", "/hoc-lieu/m1", "/dang-nhap", "/nhung", "/oembed", "/api/health"]) {
      const headers = headersFor(path);
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["x-frame-options"], path).toBe("DENY");
    }
  });

  it("lets only the site itself frame the player while no portal is configured", () => {
    expect(headersFor("/nhung/m1", [])["content-security-policy"]).toMatch(/frame-ancestors 'self'(;|$)/);
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
