import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./same-origin";

const request = (method: string, path: string, headers: Record<string, string> = {}) => ({
  method,
  url: `http://localhost:3000${path}`,
  headers: new Headers({ host: "localhost:3000", ...headers }),
});

describe("isCrossSiteWrite()", () => {
  it("lets reads through, whoever asks", () => {
    expect(isCrossSiteWrite(request("GET", "/api/events", { origin: "https://evil.example" }), undefined)).toBe(false);
  });

  it("accepts writes from the site's own pages, by Origin or by Fetch Metadata", () => {
    expect(isCrossSiteWrite(request("POST", "/api/events", { origin: "http://localhost:3000" }), undefined)).toBe(false);
    expect(isCrossSiteWrite(request("PATCH", "/api/materials/x", { "sec-fetch-site": "same-origin" }), undefined)).toBe(false);
    // Behind a reverse proxy: the public URL's origin.
    expect(isCrossSiteWrite(request("POST", "/api/events", { origin: "https://hop.sgddt.example.vn" }), "https://hop.sgddt.example.vn")).toBe(false);
  });

  it("refuses writes from another site, and from tools that say nothing about where they come from", () => {
    expect(isCrossSiteWrite(request("POST", "/api/events", { origin: "https://evil.example" }), undefined)).toBe(true);
    expect(isCrossSiteWrite(request("POST", "/api/events", { origin: "null" }), undefined)).toBe(true);
    expect(isCrossSiteWrite(request("DELETE", "/api/events/x", { "sec-fetch-site": "cross-site" }), undefined)).toBe(true);
    expect(isCrossSiteWrite(request("POST", "/api/materials/upload"), undefined)).toBe(true);
  });

  it("leaves the routes that authenticate themselves to their own checks", () => {
    expect(isCrossSiteWrite(request("POST", "/api/auth/callback/credentials", { origin: "https://evil.example" }), undefined)).toBe(false);
    expect(isCrossSiteWrite(request("POST", "/api/internal/attendance"), undefined)).toBe(false);
  });
});
