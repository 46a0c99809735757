// Test instrumentation, loaded into the stack's Node processes by playwright.config.ts
// (NODE_OPTIONS=--import): appends to $DIEMCAU_OUTBOUND_LOG one JSON line for every attempt to
// reach a host that is not this machine — TCP and TLS connects, UDP sends, DNS lookups of other
// names — whether or not it would succeed (this network refuses them at once, so a socket table
// would never show them). e2e/no-outbound.spec.ts reads it. Nothing here changes behaviour.
import { appendFileSync } from "node:fs";
import dgram from "node:dgram";
import dns from "node:dns";
import net from "node:net";
import process from "node:process";

const LOG = process.env.DIEMCAU_OUTBOUND_LOG;
const LOCAL_NAMES = new Set(["localhost", "ip6-localhost", ""]);

function isLocal(host) {
  if (host === undefined || host === null) return true; // a Unix socket or the default (localhost)
  const name = String(host).replace(/^\[|\]$/g, "").toLowerCase();
  if (LOCAL_NAMES.has(name) || name.endsWith(".localhost")) return true;
  if (net.isIPv4(name)) return name.startsWith("127.") || name === "0.0.0.0";
  if (net.isIPv6(name)) return name === "::1" || name === "::" || name.startsWith("::ffff:127.");
  return false;
}

function record(kind, host, port) {
  if (!LOG || isLocal(host)) return;
  appendFileSync(LOG, `${JSON.stringify({ kind, host: String(host), port, pid: process.pid, argv: process.argv.slice(1, 3).join(" ") })}\n`);
}

if (LOG) {
  // Created at once, so the spec can tell "nothing was attempted" from "the hooks were not loaded".
  appendFileSync(LOG, "");
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    const [first, second] = args;
    const options = Array.isArray(first) ? first[0] : typeof first === "object" && first !== null ? first : { port: first, host: typeof second === "string" ? second : undefined };
    if (options && options.path === undefined) record("tcp", options.host ?? "localhost", options.port);
    return connect.apply(this, args);
  };
  const send = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function (...args) {
    const address = args.find((a, i) => i > 0 && typeof a === "string");
    const port = args.find((a, i) => i > 0 && typeof a === "number");
    if (address !== undefined) record("udp", address, port);
    return send.apply(this, args);
  };
  const lookup = dns.lookup;
  dns.lookup = function (hostname, ...rest) {
    record("dns", hostname);
    return lookup.call(this, hostname, ...rest);
  };
  const lookupPromise = dns.promises.lookup;
  dns.promises.lookup = function (hostname, ...rest) {
    record("dns", hostname);
    return lookupPromise.call(this, hostname, ...rest);
  };
}
