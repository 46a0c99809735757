import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, PEER_ADDRESS_HEADER } from "./client-address";

const request = (peer: string | null, forwardedFor?: string) => {
  const headers = new Headers();
  if (peer !== null) headers.set(PEER_ADDRESS_HEADER, peer);
  if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
  return headers;
};

describe("clientAddress()", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.2, 172.16.0.0/12, ::1");

  it("ignores X-Forwarded-For from a client that is not a trusted proxy", () => {
    expect(clientAddress(request("203.0.113.7", "1.2.3.4"), none)).toBe("203.0.113.7");
    expect(clientAddress(request("203.0.113.7", "1.2.3.4"), proxies)).toBe("203.0.113.7");
  });

  it("takes the nearest untrusted hop behind trusted proxies, never what the client claimed further left", () => {
    expect(clientAddress(request("10.0.0.2", "1.2.3.4, 198.51.100.9"), proxies)).toBe("198.51.100.9");
    expect(clientAddress(request("::ffff:10.0.0.2", "1.2.3.4, 198.51.100.9, 172.20.1.1"), proxies)).toBe("198.51.100.9");
    expect(clientAddress(request("::1", "198.51.100.9"), proxies)).toBe("198.51.100.9");
  });

  it("uses the proxy itself when it forwarded nothing, and 'unknown' without a peer", () => {
    expect(clientAddress(request("10.0.0.2"), proxies)).toBe("10.0.0.2");
    expect(clientAddress(request(null, "1.2.3.4"), proxies)).toBe("unknown");
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address", () => {
    expect(() => parseTrustedProxies("10.0.0.2, proxy.local")).toThrow(/TRUSTED_PROXIES/);
  });
});
