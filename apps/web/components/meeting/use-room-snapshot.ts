"use client";

import type { RoomClient, TRoomSnapshot } from "@diemcau/room-client";
import { useSyncExternalStore } from "react";

/** Re-renders on every RoomClient snapshot; snapshots are immutable, so React can compare them. */
export function useRoomSnapshot(client: RoomClient): TRoomSnapshot {
  return useSyncExternalStore(
    (onChange) => client.on("change", onChange),
    () => client.snapshot,
    () => client.snapshot,
  );
}
