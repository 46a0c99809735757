"use client";

import { chooseVideoSlots, type RoomClient, type TConnectionQuality } from "@diemcau/room-client";
import { useCallback, useEffect, useRef, useState } from "react";

/** Chrome's estimate of the downlink, in Mbit/s; other browsers leave it out. */
type TNetworkInformation = { downlink?: number; addEventListener?: (type: "change", listener: () => void) => void; removeEventListener?: (type: "change", listener: () => void) => void };

/**
 * Tells the room client how many speakers' videos to receive (last-N), from the size of the element
 * the returned ref is put on, the connection quality and the browser's downlink estimate, and again
 * whenever one of them changes.
 */
export function useVideoSlots(client: RoomClient, quality: TConnectionQuality) {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [downlinkKbps, setDownlinkKbps] = useState<number | undefined>(undefined);
  const observer = useRef<ResizeObserver | null>(null);

  const ref = useCallback((element: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element) return;
    observer.current = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.current.observe(element);
  }, []);

  useEffect(() => {
    const connection = (navigator as Navigator & { connection?: TNetworkInformation }).connection;
    if (!connection) return;
    const read = () => setDownlinkKbps(connection.downlink ? connection.downlink * 1000 : undefined);
    read();
    connection.addEventListener?.("change", read);
    return () => connection.removeEventListener?.("change", read);
  }, []);

  useEffect(() => {
    if (!size) return;
    void client.setVideoSlots(chooseVideoSlots({ ...size, quality, downlinkKbps })).catch(() => undefined);
  }, [client, size, quality, downlinkKbps]);

  return ref;
}
