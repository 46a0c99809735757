import { afterEach, describe, expect, it, vi } from "vitest";
import { firstMediaOf } from "./first-media";

/** A remote track as the browser gives it: muted until media arrives, then an "unmute" event. */
class RemoteTrack extends EventTarget {
  muted = true;
  receiveMedia(): void {
    this.muted = false;
    this.dispatchEvent(new Event("unmute"));
  }
}

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
};

describe("firstMediaOf", () => {
  afterEach(() => vi.useRealTimers());

  it("waits for the first of the tracks to carry media", async () => {
    vi.useFakeTimers();
    const tracks = [new RemoteTrack(), new RemoteTrack()];
    const waiting = firstMediaOf(tracks, 1000);
    expect(await settled(waiting)).toBe(false);
    tracks[1]!.receiveMedia();
    expect(await settled(waiting)).toBe(true);
  });

  it("gives up after the time it was given", async () => {
    vi.useFakeTimers();
    const waiting = firstMediaOf([new RemoteTrack()], 1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(waiting)).toBe(true);
  });

  it("does not wait without tracks, or when media flows already", async () => {
    vi.useFakeTimers();
    const flowing = new RemoteTrack();
    flowing.muted = false;
    expect(await settled(firstMediaOf([], 1000))).toBe(true);
    expect(await settled(firstMediaOf([new RemoteTrack(), flowing], 1000))).toBe(true);
  });
});
