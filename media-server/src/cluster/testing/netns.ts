import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

export type TNetwork = {
  /** The bridge's address in the host namespace: where the test's Redis, senders and sinks listen. */
  hostIp: string;
  /** One namespace per node, each with its address on the bridge. */
  namespaces: { name: string; ip: string }[];
  destroy(): void;
};

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });

/**
 * Network namespaces joined by veth pairs to one bridge, so each media-server node has its own
 * interface and address and RTP between nodes crosses real (virtual) links. Needs root.
 */
export function createNetwork(count: number): TNetwork {
  const tag = randomBytes(3).toString("hex");
  // A /24 of 10.x.y.0 picked at random, so concurrent runs do not share addresses.
  const [x, y] = [...randomBytes(2)].map((b) => 100 + (b % 150));
  const subnet = `10.${x}.${y}`;
  const bridge = `dcbr${tag}`;
  const namespaces: TNetwork["namespaces"] = [];
  const destroy = () => {
    for (const { name } of namespaces) {
      try {
        ip("netns", "del", name);
      } catch {
        // already gone
      }
    }
    try {
      ip("link", "del", bridge);
    } catch {
      // already gone
    }
  };
  try {
    ip("link", "add", bridge, "type", "bridge");
    ip("addr", "add", `${subnet}.1/24`, "dev", bridge);
    ip("link", "set", bridge, "up");
    for (let i = 0; i < count; i++) {
      const name = `dcns${tag}${i}`;
      const host = `dcv${tag}${i}`;
      const inside = `dcp${tag}${i}`;
      ip("netns", "add", name);
      namespaces.push({ name, ip: `${subnet}.${i + 2}` });
      ip("link", "add", host, "type", "veth", "peer", "name", inside);
      ip("link", "set", inside, "netns", name);
      ip("link", "set", host, "master", bridge);
      ip("link", "set", host, "up");
      ip("-n", name, "addr", "add", `${subnet}.${i + 2}/24`, "dev", inside);
      ip("-n", name, "link", "set", inside, "up");
      ip("-n", name, "link", "set", "lo", "up");
    }
  } catch (error) {
    destroy();
    throw error;
  }
  return { hostIp: `${subnet}.1`, namespaces, destroy };
}
