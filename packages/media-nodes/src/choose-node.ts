import { isFull, loadPerCore, type TMediaNode } from "./media-node";

/**
 * The node a new peer of a room connects to: the room's home while it has room to spare, else the
 * least-loaded node (the room spreads there). Null when no node is alive.
 */
export function chooseNode(nodes: readonly TMediaNode[], homeId: string | null): TMediaNode | null {
  const home = nodes.find((node) => node.id === homeId);
  if (home && !isFull(home)) return home;
  return leastLoaded(nodes);
}

/** Relative to each node's own capacity, so a bigger machine takes more; ties go to the lower id. */
export function leastLoaded(nodes: readonly TMediaNode[]): TMediaNode | null {
  const share = (node: TMediaNode) => loadPerCore(node) / node.capacityPerCore;
  return [...nodes].sort((a, b) => share(a) - share(b) || a.id.localeCompare(b.id))[0] ?? null;
}
