import type { Storage } from "@diemcau/storage";
import { imageSize } from "image-size";

/** JPEG and PNG sizes are in the first bytes; this is plenty even with EXIF. */
const HEAD_BYTES = 64 * 1024;

/** Width and height of a stored image, or null when it is missing or unreadable. */
export async function posterSize(storage: Storage, key: string): Promise<{ width: number; height: number } | null> {
  const info = await storage.stat(key);
  if (!info) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.getStream(key, { start: 0, end: Math.min(info.size, HEAD_BYTES) - 1 })) chunks.push(chunk as Buffer);
  try {
    const { width, height } = imageSize(Buffer.concat(chunks));
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}
