/**
 * Injected into the room page before its scripts run (page.addInitScript): notes when "Tham gia" is
 * clicked and when the first frame of a remote video track is presented (requestVideoFrameCallback),
 * without touching the page's code. Local tracks come from getUserMedia and are left out.
 */
export function instrumentFirstRemoteFrame(): void {
  const w = window as unknown as { benchClickAt?: number; benchFirstFrameAt?: number };
  const localTrackIds = new Set<string>();
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    for (const track of stream.getTracks()) localTrackIds.add(track.id);
    return stream;
  };
  document.addEventListener(
    "click",
    (event) => {
      const button = (event.target as Element | null)?.closest("button");
      if (button?.textContent?.trim() === "Tham gia" && w.benchClickAt === undefined) w.benchClickAt = performance.now();
    },
    true,
  );
  const descriptor = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, "srcObject")!;
  Object.defineProperty(HTMLMediaElement.prototype, "srcObject", {
    ...descriptor,
    set(this: HTMLMediaElement, value: MediaProvider | null) {
      descriptor.set!.call(this, value);
      const remote = value instanceof MediaStream && value.getVideoTracks().some((t) => !localTrackIds.has(t.id));
      if (remote && this instanceof HTMLVideoElement)
        this.requestVideoFrameCallback(() => {
          if (w.benchFirstFrameAt === undefined && w.benchClickAt !== undefined) w.benchFirstFrameAt = performance.now();
        });
    },
  });
}
