import type { Page } from "playwright-core";

/**
 * Calls `onPort` with each media-server UDP port a page's WebRTC transports are given, read from
 * the signaling answers the page receives (socket.io over a WebSocket), so the relay can put the
 * page's flows on its link before the page sends anything on them. Call before the page opens
 * its socket.
 */
export function watchTransportPorts(page: Page, onPort: (port: number) => void): void {
  page.on("websocket", (socket) =>
    socket.on("framereceived", ({ payload }) => {
      if (typeof payload === "string") for (const port of transportPortsIn(payload)) onPort(port);
    }),
  );
}

/** The UDP ports of the ICE candidates in one socket.io text packet ("43<ack id>[…]", "42[…]"). */
export function transportPortsIn(packet: string): number[] {
  const start = packet.indexOf("[");
  if (start < 0) return [];
  let data: unknown;
  try {
    data = JSON.parse(packet.slice(start));
  } catch {
    return [];
  }
  const ports: number[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== "object" || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key !== "iceCandidates" || !Array.isArray(inner)) visit(inner);
      else
        for (const candidate of inner as { protocol?: unknown; port?: unknown }[])
          if (candidate.protocol === "udp" && typeof candidate.port === "number") ports.push(candidate.port);
    }
  };
  visit(data);
  return ports;
}
