/** What firstMediaOf needs of a track: a remote track is muted until its first packets arrive. */
type TRemoteTrack = Pick<MediaStreamTrack, "muted" | "addEventListener" | "removeEventListener">;

/** Resolves once one of the remote tracks carries media (it is no longer muted), after `ms` at most, and at once without tracks. */
export function firstMediaOf(tracks: TRemoteTrack[], ms: number): Promise<void> {
  if (tracks.length === 0 || tracks.some((track) => !track.muted)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      for (const track of tracks) track.removeEventListener("unmute", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const track of tracks) track.addEventListener("unmute", done);
  });
}
