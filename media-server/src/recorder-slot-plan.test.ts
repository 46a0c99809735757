import { describe, expect, it } from "vitest";
import { EMPTY_SLOT_PLAN, planSlots, RECORDER_AUDIO_SLOTS, type TPlannedProducer, type TSlotPlan } from "./recorder-slot-plan";

const mic = (peerId: string, heardAt: number, paused = false): TPlannedProducer =>
  ({ id: `${peerId}-mic`, peerId, kind: "audio", source: "mic", paused, heardAt });
const camera = (peerId: string, heardAt = 0, paused = false): TPlannedProducer =>
  ({ id: `${peerId}-cam`, peerId, kind: "video", source: "camera", paused, heardAt });
const screen = (peerId: string, paused = false): TPlannedProducer =>
  ({ id: `${peerId}-screen`, peerId, kind: "video", source: "screen", paused, heardAt: 0 });
const audioOf = (plan: TSlotPlan) => plan.audio;

describe("planSlots: which producer feeds each of ffmpeg's fixed inputs", () => {
  it("gives every unmuted microphone a slot while they fit, and leaves muted ones out", () => {
    const plan = planSlots([mic("a", 1), mic("b", 2), mic("c", 3, true)], EMPTY_SLOT_PLAN, null);
    expect(audioOf(plan)).toEqual(["b-mic", "a-mic", null, null]);
  });

  it("keeps a holder in its slot when others join, so a join switches no running slot", () => {
    const first = planSlots([mic("a", 1)], EMPTY_SLOT_PLAN, null);
    const second = planSlots([mic("a", 1), mic("b", 5), mic("c", 6)], first, null);
    expect(second.audio[0]).toBe("a-mic");
    expect(second.audio.slice(1, 3).toSorted()).toEqual(["b-mic", "c-mic"]);
  });

  it("past the slot count, one heard later takes the slot of the holder heard longest ago", () => {
    const producers = ["a", "b", "c", "d"].map((peer, i) => mic(peer, 10 + i));
    const full = planSlots(producers, EMPTY_SLOT_PLAN, null);
    expect(full.audio.filter((id) => id !== null)).toHaveLength(RECORDER_AUDIO_SLOTS);
    const withLate = planSlots([...producers, mic("late", 50)], full, "late");
    expect(withLate.audio).toContain("late-mic");
    expect(withLate.audio).not.toContain("a-mic"); // heard at 10, the stalest
    expect(withLate.audio.indexOf("late-mic")).toBe(full.audio.indexOf("a-mic"));
    // One heard earlier than every holder waits.
    expect(planSlots([...producers, mic("quiet", 5)], full, null).audio).toEqual(full.audio);
  });

  it("frees the slot of a microphone that is muted or closed", () => {
    const full = planSlots([mic("a", 1), mic("b", 2)], EMPTY_SLOT_PLAN, null);
    const muted = planSlots([mic("a", 1, true), mic("b", 2)], full, null);
    expect(muted.audio.filter((id) => id !== null)).toEqual(["b-mic"]);
    expect(planSlots([mic("b", 2)], full, null).audio).toEqual(muted.audio);
  });

  it("shows the active speaker's camera, keeps the shown one when the speaker has none, and falls back to the peer heard last", () => {
    const producers = [camera("a"), camera("b"), mic("a", 1), mic("b", 9), mic("c", 20)];
    expect(planSlots(producers, EMPTY_SLOT_PLAN, "a").camera).toBe("a-cam");
    const showingA = { ...EMPTY_SLOT_PLAN, camera: "a-cam" };
    expect(planSlots(producers, showingA, "c").camera).toBe("a-cam");
    expect(planSlots(producers, EMPTY_SLOT_PLAN, "c").camera).toBe("b-cam");
    expect(planSlots([camera("a", 0, true), camera("b")], showingA, "a").camera).toBe("b-cam");
    expect(planSlots([camera("a", 0, true)], showingA, "a").camera).toBeNull();
  });

  it("keeps the screen share shown until it stops, then shows another or none", () => {
    const plan = planSlots([screen("a"), screen("b")], { ...EMPTY_SLOT_PLAN, screen: "b-screen" }, null);
    expect(plan.screen).toBe("b-screen");
    expect(planSlots([screen("a"), screen("b", true)], plan, null).screen).toBe("a-screen");
    expect(planSlots([], plan, null).screen).toBeNull();
  });
});
