import { BlockList, isIP } from "node:net";

/**
 * The request's TCP peer, set by server.ts on every request (a client's own value is overwritten).
 * Next's own server only fills X-Forwarded-For when a request has none, so a client could choose
 * its address; this header it cannot.
 */
export const PEER_ADDRESS_HEADER = "x-diemcau-peer";

/** TRUSTED_PROXIES: addresses and CIDR blocks of the reverse proxies whose X-Forwarded-For counts. */
export function parseTrustedProxies(list: string | undefined): BlockList {
  const blocks = new BlockList();
  for (const entry of (list ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const type = isIP(address!) === 6 ? "ipv6" : "ipv4";
    if (!isIP(address!)) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR block`);
    if (prefix === undefined) blocks.addAddress(address!, type);
    else blocks.addSubnet(address!, Number(prefix), type);
  }
  return blocks;
}

function normalize(address: string): string {
  // "::ffff:10.0.0.1" is how a dual-stack socket reports an IPv4 peer.
  return address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  const type = isIP(address);
  return type !== 0 && trusted.check(address, type === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address for rate limits: the TCP peer, unless the peer is a trusted proxy, in which
 * case the nearest X-Forwarded-For entry not added by a trusted proxy. Entries further left are
 * whatever the client claimed, and are never used.
 */
export function clientAddress(headers: Headers, trusted: BlockList): string {
  const peer = normalize(headers.get(PEER_ADDRESS_HEADER) ?? "");
  if (!peer) return "unknown";
  if (!isTrusted(trusted, peer)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((h) => normalize(h.trim())).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(trusted, hops[i]!)) return hops[i]!;
  return hops[0] ?? peer;
}

