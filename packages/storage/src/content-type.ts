const TYPES: Record<string, string> = {
  m3u8: "application/vnd.apple.mpegurl",
  ts: "video/mp2t",
  m4s: "video/iso.segment",
  mp4: "video/mp4",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  vtt: "text/vtt; charset=utf-8",
  json: "application/json",
  p7s: "application/pkcs7-signature",
};

/** The Content-Type to serve or upload a media key with. */
export function contentTypeFor(key: string): string {
  const dot = key.lastIndexOf(".");
  const extension = dot === -1 ? "" : key.slice(dot + 1).toLowerCase();
  return TYPES[extension] ?? "application/octet-stream";
}
