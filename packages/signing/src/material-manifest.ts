import { z } from "zod";

export const MANIFEST_FORMAT = "diemcau.material-manifest/1";

/** What a served file is, so a failed check can say "a segment changed" rather than only a path. */
export const ZServedFileKindSchema = z.enum(["playlist", "segment", "mp4", "poster", "thumbnail", "captions"]);
export type TServedFileKind = z.infer<typeof ZServedFileKindSchema>;

export const ZManifestFileSchema = z.object({
  /** As served under /media/<materialId>/ ("hls/source/index.m3u8", "download.mp4"); captions as "captions.vtt". */
  path: z.string().min(1),
  kind: ZServedFileKindSchema,
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TManifestFile = z.infer<typeof ZManifestFileSchema>;

/**
 * The signed statement about a material: who made it, from which meeting and official documents,
 * and the SHA-256 of every file a viewer is served (playlists as rewritten to the trim window,
 * the segments inside it, the MP4, poster, thumbnails and captions). Signed as the exact bytes
 * stored beside it (manifest.json), so nothing needs to be re-serialized to check it.
 */
export const ZMaterialManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  materialId: z.string(),
  title: z.string(),
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  event: z.object({ id: z.string(), title: z.string(), startsAt: z.iso.datetime() }).nullable(),
  documents: z.array(
    z.object({ numberNotation: z.string().nullable(), documentType: z.string().nullable(), issuer: z.string().nullable(), subject: z.string().nullable() }),
  ),
  trim: z.object({ startSec: z.number().nullable(), endSec: z.number().nullable() }),
  files: z.array(ZManifestFileSchema),
  writtenAt: z.iso.datetime(),
});
export type TMaterialManifest = z.infer<typeof ZMaterialManifestSchema>;

/** Where a material's manifest and its detached signature are stored (media storage). */
export const signatureKeys = {
  manifest: (materialId: string) => `materials/${materialId}/manifest.json`,
  signature: (materialId: string) => `materials/${materialId}/manifest.json.p7s`,
};

export function serializeManifest(manifest: TMaterialManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
}
