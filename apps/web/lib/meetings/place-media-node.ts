import { connectRoomPlacement, type RoomPlacement } from "@diemcau/media-nodes";
import { getConfig } from "../config";
import { AppError } from "../errors/app-error";

export type TPlacedNode = { id: string; url: string };

const holder = globalThis as { diemcauRoomPlacement?: { url: string; placement: RoomPlacement } };

/** One Redis connection per process (kept across dev reloads). */
function placement(redisUrl: string): RoomPlacement {
  if (holder.diemcauRoomPlacement?.url !== redisUrl) holder.diemcauRoomPlacement = { url: redisUrl, placement: connectRoomPlacement(redisUrl) };
  return holder.diemcauRoomPlacement.placement;
}

/**
 * The media-server node a new peer of this room must connect to, when several nodes share REDIS_URL:
 * the room's home, or the least-loaded node if the home is full or dead. Null with a single
 * media server (MEDIA_SERVER_URL).
 */
export async function placeMediaNode(roomName: string): Promise<TPlacedNode | null> {
  const { REDIS_URL } = getConfig();
  if (!REDIS_URL) return null;
  const node = await placement(REDIS_URL)
    .placePeer(roomName)
    .catch(() => null);
  if (!node) throw new AppError("MEDIA_SERVER_UNAVAILABLE", "Chưa có máy chủ truyền hình nào sẵn sàng. Vui lòng thử lại sau ít phút.", 503);
  return { id: node.id, url: node.signalingUrl };
}
