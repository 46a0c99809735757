import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TJoinTokenClaims, TPeerInfo } from "@diemcau/protocol";
import { startMediaServer, type TMediaServer } from "./server";
import { connectClient, joinClient, opusParameters, vp8SimulcastParameters, waitFor, type TTestClient } from "./test-client";
import { testConfig } from "./test-config";

const config = testConfig({ emptyRoomGraceMs: 300 });
const room = "lesson-7";
const teacherClaims: TJoinTokenClaims = { room, userId: "teacher", displayName: "Cô Hạnh", role: "HOST" };
const student = (userId: string, displayName: string): TJoinTokenClaims => ({ room, userId, displayName, role: "ATTENDEE", askToSpeak: true });

describe("a big class over a real socket.io connection and mediasoup worker", () => {
  let server: TMediaServer;
  const clients: TTestClient[] = [];
  const client = async (claims: TJoinTokenClaims) => {
    const c = await connectClient(server.port, claims, config.mediaSecret);
    clients.push(c);
    return c;
  };
  const eventsOf = (c: TTestClient, name: string) => c.events.filter((e) => e.event === name).map((e) => e.data);

  beforeEach(async () => {
    server = await startMediaServer(config, { port: 0, log: () => {} });
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server.close();
  });

  it("keeps silent students out of everyone's peer list, and lists and searches them by page", async () => {
    const teacher = await client(teacherClaims);
    await joinClient(teacher);
    const names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Đức", "Phạm Thị Hương", "Đỗ Minh Đức"];
    const students = await Promise.all(names.map((name, i) => client(student(`s${i}`, name))));
    const joins = [];
    for (const s of students) joins.push(await joinClient(s));

    // A student's own join shows the teacher and itself, not the other students.
    expect(joins[4]!.room.peers.map((p) => p.displayName).sort()).toEqual(["Cô Hạnh", "Đỗ Minh Đức"]);
    expect(joins[4]!.room.peerCount).toBe(6);
    expect(joins[4]!.room.peers.find((p) => p.userId === "s4")).toMatchObject({ askToSpeak: true, speakGranted: false });
    // Nobody hears of them one by one: the teacher gets the head count, coalesced.
    await waitFor(() => eventsOf(teacher, "peerCount").some((d) => (d as { count: number }).count === 6), 3000);
    expect(eventsOf(teacher, "peerJoined")).toEqual([]);
    expect(eventsOf(students[0]!, "peerJoined")).toEqual([]);

    const page = await teacher.ok("listPeers", { offset: 0, limit: 2 });
    expect(page.total).toBe(6);
    expect(page.peers.map((p) => p.displayName)).toEqual(["Cô Hạnh", "Đỗ Minh Đức"]);
    const next = await teacher.ok("listPeers", { offset: 2, limit: 2 });
    expect(next.peers.map((p) => p.displayName)).toEqual(["Lê Văn Đức", "Nguyễn Văn An"]);
    // Diacritics and case do not matter: "duc" finds both Đức.
    const found = await students[1]!.ok("listPeers", { query: "  DUC ", offset: 0, limit: 10 });
    expect(found.peers.map((p) => p.displayName)).toEqual(["Đỗ Minh Đức", "Lê Văn Đức"]);
    expect((await teacher.ok("listPeers", { query: "hương", offset: 0, limit: 10 })).total).toBe(1);
    expect(await teacher.request("listPeers", { offset: 0, limit: 500 })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });

    students[3]!.close();
    await waitFor(() => eventsOf(teacher, "peerCount").some((d) => (d as { count: number }).count === 5), 3000);
    expect(eventsOf(teacher, "peerLeft")).toEqual([]);
  });

  it("lets a student speak only while the teacher grants it, after raising a hand", async () => {
    const teacher = await client(teacherClaims);
    await joinClient(teacher);
    const pupil = await client(student("pupil", "Vũ Thị Lan"));
    const { peerId } = await joinClient(pupil);
    const classmate = await client(student("classmate", "Hoàng Nam"));
    await joinClient(classmate);
    const { transportId } = await pupil.ok("createTransport", { direction: "send" });

    expect(await pupil.request("produce", { transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() })).toMatchObject({
      ok: false,
      error: { code: "SPEAK_NOT_GRANTED" },
    });
    expect(await pupil.request("host:grantSpeak", { peerId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });

    await pupil.ok("raiseHand", { raised: true });
    // Raising a hand announces the student to the room, with its hand up.
    await waitFor(() => eventsOf(teacher, "peerJoined").length === 1 && eventsOf(classmate, "peerJoined").length === 1);
    expect((eventsOf(teacher, "peerJoined")[0] as { peer: TPeerInfo }).peer).toMatchObject({ peerId, handRaisedAt: expect.any(String) });

    const granted = await teacher.ok("host:grantSpeak", { peerId });
    expect(granted.peer).toMatchObject({ speakGranted: true, handRaisedAt: null });
    await waitFor(() => eventsOf(pupil, "peerUpdated").some((d) => (d as { peer: TPeerInfo }).peer.speakGranted));
    const { producerId } = await pupil.ok("produce", { transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });
    const camera = await pupil.ok("produce", { transportId, kind: "video", source: "camera", rtpParameters: vp8SimulcastParameters() });

    await teacher.ok("host:revokeSpeak", { peerId });
    const producers = server.rooms.find(room)!.peers.get(peerId)!.producers;
    expect(producers.get(producerId)!.paused).toBe(true);
    expect(producers.get(camera.producerId)!.paused).toBe(true);
    await waitFor(() => eventsOf(pupil, "mutedByHost").length === 2);
    expect(await pupil.request("resumeProducer", { producerId })).toMatchObject({ ok: false, error: { code: "SPEAK_NOT_GRANTED" } });
    // Lowering a hand needs no grant; the student stays announced, so the room sees it lowered.
    await pupil.ok("raiseHand", { raised: true });
    await pupil.ok("raiseHand", { raised: false });
    await waitFor(() => eventsOf(classmate, "peerUpdated").some((d) => (d as { peer: TPeerInfo }).peer.peerId === peerId && !(d as { peer: TPeerInfo }).peer.handRaisedAt));

    await teacher.ok("host:grantSpeak", { peerId });
    await pupil.ok("resumeProducer", { producerId });
    expect(producers.get(producerId)!.paused).toBe(false);

    // A reconnect keeps the floor: the same account joins again as a new peer.
    pupil.close();
    const again = await client(student("pupil", "Vũ Thị Lan"));
    const rejoined = await joinClient(again);
    expect(rejoined.room.peers.find((p) => p.peerId === rejoined.peerId)).toMatchObject({ speakGranted: true });
    const send = await again.ok("createTransport", { direction: "send" });
    await again.ok("produce", { transportId: send.transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });
  });

  it("forwards each client only the cameras of its last N speakers, and the microphones of the latest speakers", async () => {
    const speakers: { client: TTestClient; peerId: string; mic: string; camera: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const c = await client({ room, userId: `site${i}`, displayName: `Điểm cầu ${i}`, role: i === 0 ? "HOST" : "PRESENTER" });
      const { peerId } = await joinClient(c);
      const { transportId } = await c.ok("createTransport", { direction: "send" });
      const mic = await c.ok("produce", { transportId, kind: "audio", source: "mic", rtpParameters: opusParameters() });
      const camera = await c.ok("produce", { transportId, kind: "video", source: "camera", rtpParameters: vp8SimulcastParameters() });
      speakers.push({ client: c, peerId, mic: mic.producerId, camera: camera.producerId });
      // With no sound at all, the observer names the first microphone it has the dominant speaker,
      // and keeps it: let that be the host's, so the order is the one the test expects.
      if (i === 0) await waitFor(() => eventsOf(c, "activeSpeaker").some((d) => (d as { peerId: string | null }).peerId === peerId));
    }
    const viewer = await client(student("phone", "Học sinh dùng điện thoại"));
    const { rtpCapabilities } = await viewer.ok("getRouterRtpCapabilities");
    const joined = await viewer.ok("join", { rtpCapabilities, videoSlots: 2 });
    await viewer.ok("createTransport", { direction: "recv" });
    const consumers = new Map<string, string>();
    for (const producer of joined.room.producers) {
      const consumer = await viewer.ok("consume", { producerId: producer.producerId });
      await viewer.ok("resumeConsumer", { consumerId: consumer.consumerId });
      consumers.set(consumer.consumerId, producer.producerId);
    }
    expect(consumers.size).toBe(16);

    // What the worker itself says flows: neither the consumer nor its producer paused.
    const flowing = async (kind: "audio" | "video") => {
      const peer = server.rooms.find(room)!.peers.get(joined.peerId)!;
      const dumps = await Promise.all([...peer.consumers.values()].filter((c) => c.kind === kind).map((c) => c.dump()));
      return dumps.filter((d) => !d.paused && !d.producerPaused).map((d) => d.producerId).sort();
    };
    // Nobody has spoken yet: the host first, then the others in the order they joined.
    expect(await flowing("video")).toEqual([speakers[0]!.camera, speakers[1]!.camera].sort());
    expect(await flowing("audio")).toEqual(speakers.slice(0, 4).map((s) => s.mic).sort());

    // The last to join mutes and unmutes: it is the latest speaker now and takes a slot.
    const last = speakers[7]!;
    await last.client.ok("pauseProducer", { producerId: last.mic });
    await last.client.ok("resumeProducer", { producerId: last.mic });
    expect(await flowing("video")).toEqual([last.camera, speakers[0]!.camera].sort());
    expect(await flowing("audio")).toEqual([last.mic, ...speakers.slice(0, 3).map((s) => s.mic)].sort());
    // The client is told which of its consumers stopped and started.
    const told = (forwarded: boolean) =>
      (eventsOf(viewer, "consumerForwarded") as { consumerId: string; forwarded: boolean }[])
        .filter((d) => d.forwarded === forwarded)
        .map((d) => consumers.get(d.consumerId))
        .sort();
    await waitFor(() => told(true).length === 2 && told(false).length === 2);
    expect(told(false)).toEqual([speakers[1]!.camera, speakers[3]!.mic].sort());
    expect(told(true)).toEqual([last.camera, last.mic].sort());

    // A bigger screen shows more; none at all in audio-only mode.
    await viewer.ok("setVideoSlots", { slots: 5 });
    expect((await flowing("video")).length).toBe(5);
    await viewer.ok("setAudioOnly", { enabled: true });
    expect(await flowing("video")).toEqual([]);
    expect((await flowing("audio")).length).toBe(4);
  });
});
