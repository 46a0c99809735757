import type { BrowserContext, Page } from "@playwright/test";

/**
 * What a room page receives, observed from outside its code: the page's RTCPeerConnections are
 * noted as they are made (an init script), their inbound-rtp stats are read, and each track is
 * placed by the page's own DOM (the tile that shows it). Used by the meeting specs and the
 * weak-link and join benchmarks; nothing in the product exposes itself for them.
 */
export type TInboundMedia = {
  kind: "audio" | "video";
  /** "camera" or "screen" by the tile that shows the track; "audio" for sound; null when nothing shows it. */
  source: "camera" | "screen" | "audio" | null;
  /** Who it comes from: the tile's name label for video, the track for audio (one microphone each). */
  from: string;
  packetsReceived: number;
  framesDecoded: number;
  totalSamplesReceived: number;
  concealedSamples: number;
  /** Height of the last decoded frame (the simulcast layer received); 0 for audio. */
  frameHeight: number;
};

/** The init script: keeps every RTCPeerConnection the page makes. Serialized into the page, so self-contained. */
function notePeerConnections(): void {
  const w = window as unknown as { __inboundMediaPeers?: RTCPeerConnection[] };
  const peers: RTCPeerConnection[] = (w.__inboundMediaPeers = []);
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      peers.push(this);
    }
  };
}

/** Call before the context's pages load. */
export async function observeInboundMedia(context: BrowserContext): Promise<void> {
  await context.addInitScript(notePeerConnections);
}

/** Inbound tracks of the page's open peer connections (a reconnect's closed ones are left out). */
export function inboundMedia(page: Page): Promise<TInboundMedia[]> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __inboundMediaPeers?: RTCPeerConnection[] }).__inboundMediaPeers ?? [];
    const shownBy = new Map<string, { source: "camera" | "screen" | "audio"; from: string }>();
    for (const element of document.querySelectorAll<HTMLMediaElement>("video, audio")) {
      const stream = element.srcObject;
      if (!(stream instanceof MediaStream)) continue;
      const tile = element.closest("figure");
      for (const track of stream.getTracks()) {
        if (track.kind === "audio") shownBy.set(track.id, { source: "audio", from: track.id });
        else if (tile)
          shownBy.set(track.id, {
            source: tile.classList.contains("tile--screen") ? "screen" : "camera",
            from: tile.querySelector("figcaption span")?.textContent ?? "",
          });
      }
    }
    const rows: TInboundMedia[] = [];
    for (const peer of peers) {
      if (peer.connectionState === "closed") continue;
      (await peer.getStats()).forEach((stat: Record<string, unknown>) => {
        const trackId = String(stat.trackIdentifier);
        // mediasoup-client's "probator" receives the server's bandwidth probes: padding, not media.
        if (stat.type !== "inbound-rtp" || trackId === "probator") return;
        const shown = shownBy.get(trackId);
        rows.push({
          kind: stat.kind === "video" ? "video" : "audio",
          source: shown?.source ?? null,
          from: shown?.from ?? trackId,
          packetsReceived: Number(stat.packetsReceived ?? 0),
          framesDecoded: Number(stat.framesDecoded ?? 0),
          totalSamplesReceived: Number(stat.totalSamplesReceived ?? 0),
          concealedSamples: Number(stat.concealedSamples ?? 0),
          frameHeight: Number(stat.frameHeight ?? 0),
        });
      });
    }
    return rows;
  });
}

/** Round-trip time of the page's selected ICE candidate pairs (the link to the media server), in ms. */
export function roundTripMs(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const peers = (window as unknown as { __inboundMediaPeers?: RTCPeerConnection[] }).__inboundMediaPeers ?? [];
    const times: number[] = [];
    for (const peer of peers) {
      if (peer.connectionState === "closed") continue;
      (await peer.getStats()).forEach((stat: Record<string, unknown>) => {
        if (stat.type === "candidate-pair" && stat.nominated && typeof stat.currentRoundTripTime === "number") times.push(stat.currentRoundTripTime * 1000);
      });
    }
    return times;
  });
}
