import { readdir } from "node:fs/promises";
import { contentTypeFor } from "@diemcau/storage";
import type { FinalizeContext } from "./finalize-context";
import { fileSize } from "./output-files";

/**
 * With S3 configured, uploads finished outputs under the same keys (files whose size already
 * matches are skipped, so a retried job uploads only what is missing). On local disk the outputs
 * are already where web serves them from.
 */
export async function publishOutputs(ctx: FinalizeContext, keys: string[]): Promise<void> {
  if (ctx.media === ctx.local) return;
  for (const key of await expandFolders(ctx, keys)) {
    const size = await fileSize(ctx.path(key));
    if (size === null) continue;
    const remote = await ctx.media.stat(key);
    if (remote?.size === size) continue;
    await ctx.media.put(key, { file: ctx.path(key) }, { contentType: contentTypeFor(key) });
  }
}

/** Keys ending in "/" stand for every file in that local folder (not recursive), playlists last. */
async function expandFolders(ctx: FinalizeContext, keys: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const key of keys) {
    if (!key.endsWith("/")) {
      out.push(key);
      continue;
    }
    const names = await readdir(ctx.path(key.slice(0, -1))).catch(() => [] as string[]);
    // A playlist is uploaded after its segments, so it never names a segment that is not there yet.
    names.sort((a, b) => Number(a.endsWith(".m3u8") || a.endsWith(".vtt")) - Number(b.endsWith(".m3u8") || b.endsWith(".vtt")));
    for (const name of names) if (!name.includes(".partial-")) out.push(key + name);
  }
  return out;
}
