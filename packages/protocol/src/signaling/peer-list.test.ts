import { describe, expect, it } from "vitest";
import { mayPublish, sortPeersForList } from "./peer-list";
import type { TPeerInfo } from "./state";

const peer = (peerId: string, patch: Partial<TPeerInfo> = {}): TPeerInfo => ({
  peerId,
  userId: `u-${peerId}`,
  displayName: peerId,
  role: "ATTENDEE",
  scheduledHost: false,
  handRaisedAt: null,
  mutedByHost: false,
  askToSpeak: false,
  speakGranted: false,
  audioOnly: false,
  joinedAt: "2026-09-05T01:00:00.000Z",
  ...patch,
});

describe("sortPeersForList()", () => {
  it("puts raised hands first in order, then hosts, then names in Vietnamese order", () => {
    const sorted = sortPeersForList([
      peer("z", { displayName: "Đông Hà" }),
      peer("h", { displayName: "Chủ trì", role: "HOST" }),
      peer("late", { displayName: "B", handRaisedAt: "2026-09-05T01:02:00.000Z" }),
      peer("early", { displayName: "C", handRaisedAt: "2026-09-05T01:01:00.000Z" }),
      peer("a", { displayName: "An" }),
    ]);
    expect(sorted.map((p) => p.peerId)).toEqual(["early", "late", "h", "a", "z"]);
  });
});

describe("mayPublish()", () => {
  it("needs the floor for a student's microphone and camera, never for a teacher, a promotion or a screen", () => {
    const pupil = peer("p", { askToSpeak: true });
    expect([mayPublish(pupil, "mic"), mayPublish(pupil, "camera"), mayPublish(pupil, "screen")]).toEqual([false, false, true]);
    expect(mayPublish({ ...pupil, speakGranted: true }, "mic")).toBe(true);
    expect(mayPublish({ ...pupil, role: "PRESENTER" }, "camera")).toBe(true);
    expect(mayPublish(peer("t", { role: "HOST" }), "mic")).toBe(true);
    expect(mayPublish(peer("bridge point"), "mic")).toBe(true);
  });
});
