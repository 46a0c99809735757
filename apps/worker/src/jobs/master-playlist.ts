import { readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { finalRecordingKeys, type HlsVariant, parseMediaPlaylist, writeMasterPlaylist } from "@diemcau/protocol";
import { hlsCodecs, probeMedia } from "./ffmpeg";
import type { FinalizeContext } from "./finalize-context";
import { commitPartial, partialPath } from "./output-files";

/** Describes a rendition for the master playlist from its playlist, segment sizes and first segment. */
async function describeVariant(playlistPath: string, uri: string, name: string): Promise<HlsVariant | null> {
  const playlist = parseMediaPlaylist(await readFile(playlistPath, "utf8"));
  const first = playlist.segments[0];
  if (!first) return null;
  const folder = dirname(playlistPath);
  let peak = 0;
  let bytes = 0;
  let seconds = 0;
  for (const segment of playlist.segments) {
    const size = (await stat(join(folder, segment.uri))).size;
    bytes += size;
    seconds += segment.durationSec;
    if (segment.durationSec >= 0.5) peak = Math.max(peak, (size * 8) / segment.durationSec);
  }
  const probe = await probeMedia(join(folder, first.uri));
  if (!probe.video) return null;
  const average = seconds > 0 ? (bytes * 8) / seconds : 0;
  return {
    uri,
    name,
    bandwidth: Math.max(peak, average),
    averageBandwidth: average,
    width: probe.video.width,
    height: probe.video.height,
    codecs: hlsCodecs(probe),
  };
}

/**
 * Writes hls/master.m3u8 listing the source rendition and, once made, the 360p one. Returns the
 * source's height (the 360p rendition is skipped for sources that are not larger).
 */
export async function writeMaster(ctx: FinalizeContext, withLow: boolean): Promise<{ sourceHeight: number }> {
  const source = await describeVariant(
    ctx.path(finalRecordingKeys.sourcePlaylist(ctx.recordingId)),
    "source/index.m3u8",
    "source",
  );
  if (!source) throw new Error(`recording ${ctx.recordingId}: the source rendition has no video`);
  const variants = [source];
  if (withLow) {
    const low = await describeVariant(ctx.path(finalRecordingKeys.lowPlaylist(ctx.recordingId)), "360p/index.m3u8", "360p");
    if (low) variants.push(low);
  }
  const target = ctx.path(finalRecordingKeys.master(ctx.recordingId));
  const partial = partialPath(target);
  await writeFile(partial, writeMasterPlaylist(variants));
  await commitPartial(partial, target);
  return { sourceHeight: source.height };
}
