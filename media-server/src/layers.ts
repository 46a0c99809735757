/**
 * Simulcast layer choice. Camera producers send three layers (mediasoup-client's usual
 * scaleResolutionDownBy 4/2/1 of 720p); these are their heights and typical bitrates.
 */
export const SIMULCAST_LAYERS = [
  { height: 180, bitrate: 150_000 },
  { height: 360, bitrate: 500_000 },
  { height: 720, bitrate: 1_200_000 },
] as const;

export type TLayerInput = {
  /** Highest spatial layer the producer offers (layers - 1). */
  maxSpatialLayer: number;
  /** Rendered height in CSS pixels × devicePixelRatio; null when the client has not said. */
  renderedHeight: number | null;
  /** Estimated bitrate toward the subscriber (its recv transport's BWE), null before the first estimate. */
  availableBitrate: number | null;
  /** Video consumers sharing that bitrate. */
  videoConsumers: number;
};

/**
 * Smallest layer at least as tall as the rendered size (a small tile gets 180p), then lowered
 * while this consumer's share of the estimated bandwidth cannot carry it.
 */
export function chooseSpatialLayer({ maxSpatialLayer, renderedHeight, availableBitrate, videoConsumers }: TLayerInput): number {
  const top = Math.min(Math.max(0, maxSpatialLayer), SIMULCAST_LAYERS.length - 1);
  let layer = top;
  if (renderedHeight !== null) {
    const fitting = SIMULCAST_LAYERS.findIndex((l) => l.height >= renderedHeight * 0.9);
    layer = Math.min(top, fitting === -1 ? top : fitting);
  }
  if (availableBitrate !== null) {
    const share = availableBitrate / Math.max(1, videoConsumers);
    while (layer > 0 && SIMULCAST_LAYERS[layer]!.bitrate > share) layer--;
  }
  return layer;
}
