import { signJoinToken } from "@diemcau/protocol";
import { describe, expect, it } from "vitest";
import { tokenExpiresAt, tokenNodeUrl } from "./token-claims";

describe("tokenExpiresAt()", () => {
  it("reads the expiry of a join token signed by web", async () => {
    const now = Date.UTC(2026, 10, 20, 2, 0, 0);
    const token = await signJoinToken({ room: "r", userId: "u", displayName: "Nguyễn Văn Ánh", role: "ATTENDEE" }, "s".repeat(32), { now, ttlSeconds: 90 });
    expect(tokenExpiresAt(token)).toBe(now + 90_000);
  });

  it("answers null for something that is not a JWT", () => {
    expect(tokenExpiresAt("")).toBeNull();
    expect(tokenExpiresAt("a.%%%.c")).toBeNull();
    expect(tokenExpiresAt(`a.${btoa(JSON.stringify({ exp: "soon" }))}.c`)).toBeNull();
  });
});

describe("tokenNodeUrl()", () => {
  it("reads the node a join token names, and null when it names none", async () => {
    const claims = { room: "r", userId: "u", displayName: "Điểm cầu Thanh Sơn", role: "ATTENDEE" } as const;
    const placed = await signJoinToken({ ...claims, node: { id: "sfu-2", url: "https://sfu2.sgddt.example.vn" } }, "s".repeat(32));
    expect(tokenNodeUrl(placed)).toBe("https://sfu2.sgddt.example.vn");
    expect(tokenNodeUrl(await signJoinToken(claims, "s".repeat(32)))).toBeNull();
    expect(tokenNodeUrl("a.b.c")).toBeNull();
  });
});
