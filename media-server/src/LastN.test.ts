import { describe, expect, it } from "vitest";
import { selectForwarded, SpeakerOrder, type TForwardable } from "./LastN";

const camera = (peerId: string, paused = false): TForwardable => ({ producerId: `cam-${peerId}`, peerId, kind: "video", source: "camera", paused });
const mic = (peerId: string, paused = false): TForwardable => ({ producerId: `mic-${peerId}`, peerId, kind: "audio", source: "mic", paused });
const screen = (peerId: string): TForwardable => ({ producerId: `screen-${peerId}`, peerId, kind: "video", source: "screen", paused: false });

describe("SpeakerOrder", () => {
  it("puts hosts in front on joining, others at the back, and the latest speaker first", () => {
    const order = new SpeakerOrder();
    order.joined("a", { front: false });
    order.joined("b", { front: false });
    order.joined("teacher", { front: true });
    expect(order.order).toEqual(["teacher", "a", "b"]);
    order.spoke("b");
    expect(order.order).toEqual(["b", "teacher", "a"]);
    order.joined("b", { front: false });
    order.left("teacher");
    expect(order.order).toEqual(["b", "a"]);
  });
});

describe("selectForwarded()", () => {
  const order = ["s3", "s1", "teacher", "s2", "me", "s4"];

  it("takes the cameras of the N most recent speakers, every screen share, and never the subscriber's own", () => {
    const producers = [camera("teacher"), camera("s1"), camera("s2"), camera("s3"), camera("s4"), camera("me"), screen("teacher")];
    const selected = selectForwarded({ order, producers, subscriberPeerId: "me", videoSlots: 2, audioSlots: 4 });
    expect([...selected].sort()).toEqual(["cam-s1", "cam-s3", "screen-teacher"]);
    expect(selectForwarded({ order, producers, subscriberPeerId: "me", videoSlots: 0, audioSlots: 4 })).toEqual(new Set(["screen-teacher"]));
  });

  it("lets a paused camera or a muted microphone give its slot to the next speaker", () => {
    const producers = [camera("s3", true), camera("s1"), camera("teacher"), mic("s3", true), mic("s1"), mic("teacher"), mic("s2")];
    const selected = selectForwarded({ order, producers, subscriberPeerId: "me", videoSlots: 1, audioSlots: 2 });
    expect([...selected].sort()).toEqual(["cam-s1", "mic-s1", "mic-teacher"]);
  });

  it("ranks peers missing from the order after everyone in it", () => {
    const producers = [camera("newcomer"), camera("s4")];
    expect(selectForwarded({ order, producers, subscriberPeerId: "me", videoSlots: 1, audioSlots: 0 })).toEqual(new Set(["cam-s4"]));
  });
});
