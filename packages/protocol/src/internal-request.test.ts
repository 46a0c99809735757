import { describe, expect, it } from "vitest";
import { MemoryNonceStore, signInternalRequest, verifyInternalRequest, type TInternalRequest } from "./internal-request";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const NOW = Date.UTC(2026, 8, 5, 1, 0, 0);
const post: TInternalRequest = { method: "POST", path: "/api/internal/attendance", body: JSON.stringify({ hello: "Đông Hà" }) };

describe("signInternalRequest() / verifyInternalRequest()", () => {
  it("accepts its own signature once and refuses the same request sent again (a replay)", async () => {
    const nonces = new MemoryNonceStore(() => NOW);
    const headers = new Headers(await signInternalRequest(post, SECRET, NOW));
    expect(await verifyInternalRequest(post, headers, SECRET, nonces, NOW + 1000)).toEqual({ ok: true });
    expect(await verifyInternalRequest(post, headers, SECRET, nonces, NOW + 2000)).toEqual({ ok: false, reason: "REPLAYED" });
    // Each signing draws a new nonce, so a sender's retry is a new request.
    const retry = new Headers(await signInternalRequest(post, SECRET, NOW));
    expect(await verifyInternalRequest(post, retry, SECRET, nonces, NOW)).toEqual({ ok: true });
  });

  it("binds the signature to the method, path, body, timestamp and nonce", async () => {
    const signed = await signInternalRequest(post, SECRET, NOW);
    const verify = (request: TInternalRequest, headers: Record<string, string> = signed, secret = SECRET, now = NOW) =>
      verifyInternalRequest(request, new Headers(headers), secret, new MemoryNonceStore(() => now), now);
    expect(await verify({ ...post, body: `${post.body} ` })).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
    expect(await verify({ ...post, path: "/api/internal/recordings/events" })).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
    expect(await verify({ ...post, method: "PUT" })).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
    expect(await verify(post, signed, `${SECRET}x`)).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
    expect(await verify(post, { ...signed, "x-diemcau-nonce": "0".repeat(32) })).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
    expect(await verify(post, { ...signed, "x-diemcau-timestamp": String(NOW / 1000 + 1) })).toEqual({ ok: false, reason: "BAD_SIGNATURE" });
    expect(await verify(post, signed, SECRET, NOW + 301_000)).toEqual({ ok: false, reason: "STALE" });
    expect(await verify(post, {})).toEqual({ ok: false, reason: "MISSING" });
    // The raw secret as a bearer token, the old way, is no signature at all.
    expect(await verify({ method: "GET", path: "/recordings/active", body: "" }, { authorization: `Bearer ${SECRET}` })).toEqual({
      ok: false,
      reason: "MISSING",
    });
  });

  it("forgets nonces once their requests would be stale anyway", async () => {
    let now = NOW;
    const nonces = new MemoryNonceStore(() => now);
    for (let i = 0; i < 5; i++) {
      const headers = new Headers(await signInternalRequest(post, SECRET, now));
      expect(await verifyInternalRequest(post, headers, SECRET, nonces, now)).toEqual({ ok: true });
    }
    expect(nonces.size).toBe(5);
    now += 601_000;
    const headers = new Headers(await signInternalRequest(post, SECRET, now));
    expect(await verifyInternalRequest(post, headers, SECRET, nonces, now)).toEqual({ ok: true });
    expect(nonces.size).toBe(1);
  });
});
