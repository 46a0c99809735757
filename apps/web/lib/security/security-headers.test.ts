import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

const context = { nonce: "bm9uY2U=", mediaServerUrl: "http://localhost:3001", frameAncestors: [], https: false, development: false };

describe("securityHeaders()", () => {
  it("allows scripts only from this origin with the request's nonce, and no framing", () => {
    const headers = securityHeaders(context);
    const csp = headers["content-security-policy"]!;
    expect(csp).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' http://localhost:3001 ws://localhost:3001");
    expect(headers).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin" });
    expect(headers).not.toHaveProperty("strict-transport-security");
  });

  it("lets pages connect to every media-server node when there are several", () => {
    const csp = securityHeaders({ ...context, mediaNodeUrls: ["https://sfu1.sgddt.example.vn", "https://sfu2.sgddt.example.vn:8443"] })["content-security-policy"]!;
    expect(csp).toContain(
      "connect-src 'self' http://localhost:3001 ws://localhost:3001 https://sfu1.sgddt.example.vn wss://sfu1.sgddt.example.vn https://sfu2.sgddt.example.vn:8443 wss://sfu2.sgddt.example.vn:8443;",
    );
  });

  it("adds HSTS and upgrades requests over HTTPS, and names the embedding origins when a page may be framed", () => {
    const headers = securityHeaders({ ...context, https: true, mediaServerUrl: "https://media.sgddt.example.vn", frameAncestors: ["https://portal.example.vn"] });
    expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(headers["content-security-policy"]).toContain("upgrade-insecure-requests");
    expect(headers["content-security-policy"]).toContain("wss://media.sgddt.example.vn");
    expect(headers["content-security-policy"]).toContain("frame-ancestors https://portal.example.vn");
    expect(headers).not.toHaveProperty("x-frame-options");
  });
});
