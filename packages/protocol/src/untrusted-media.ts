/**
 * What ffmpeg and ffprobe may do with a file someone uploaded. Left to probe, ffmpeg would open an
 * HLS playlist or a concat list saved as "bai-giang.mp4" and read the files it names, another
 * material's segments included. So an upload is read only by the demuxers of real audio and video
 * containers, only through the file protocol, and, once probed, with its format named outright.
 */
export const UPLOAD_DEMUXERS = ["mov", "matroska", "mpegts", "flv", "avi", "wav", "mp3", "ogg"] as const;

/** ffmpeg/ffprobe input options for an uploaded file; `formatName` is ffprobe's format_name of it. */
export function untrustedInputArgs(formatName?: string): string[] {
  const args = ["-protocol_whitelist", "file", "-format_whitelist", UPLOAD_DEMUXERS.join(",")];
  const demuxer = formatName?.split(",")[0];
  return demuxer ? [...args, "-f", demuxer] : args;
}
