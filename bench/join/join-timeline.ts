/**
 * Injected into both join pages before their scripts run (page.addInitScript), with nothing of
 * their own code: notes, after "Tham gia" is clicked, when each step of a join happens, so that
 * `join-time --timeline` can tell where the room page spends the time the bare page does not.
 * Steps: the first message of each kind sent on a WebSocket (socket.io's event name, or the bare
 * protocol's method) and, for socket.io, the first answer to each when it arrives and once the page
 * has handled it, and each RTCPeerConnection's creation, descriptions and
 * ICE/DTLS connection, named by its order ("pc1", "pc2"…); and, as "main thread busy", the sum of
 * the long tasks (over 50 ms, which keep the page from handling messages) since the click.
 */
export function instrumentJoinTimeline(): void {
  const w = window as unknown as { benchClickAt?: number; benchFirstFrameAt?: number; benchJoinMs?: number; benchTimeline?: Record<string, number> };
  const timeline: Record<string, number> = {};
  w.benchTimeline = timeline;
  // Helpers are object members: tsx names `const f = () => …` with a helper the page does not have.
  const steps = {
    mark(step: string): void {
      if (w.benchClickAt === undefined || step in timeline) return;
      timeline[step] = performance.now() - w.benchClickAt;
    },
    /** socket.io: `42<ack id>["event",…]`; the bare page: JSON with a method. */
    messageName(data: unknown): string | null {
      if (typeof data !== "string") return null;
      const event = /^42\d*\["([^"]+)"/.exec(data);
      if (event) return event[1]!;
      try {
        const parsed = JSON.parse(data) as { method?: string };
        return typeof parsed.method === "string" ? parsed.method : null;
      } catch {
        return null;
      }
    },
  };
  const mark = steps.mark;
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) {
      if (w.benchClickAt === undefined || task.startTime < w.benchClickAt) continue;
      // The room page's first frame (first-remote-frame.ts), or the bare page's own measure.
      const firstFrameAt = w.benchFirstFrameAt ?? (w.benchJoinMs === undefined ? undefined : w.benchClickAt + w.benchJoinMs);
      if (firstFrameAt !== undefined && task.startTime > firstFrameAt) continue;
      timeline["main thread busy (long tasks, ms)"] = (timeline["main thread busy (long tasks, ms)"] ?? 0) + task.duration;
    }
  }).observe({ type: "longtask", buffered: true });
  // socket.io's answers (`43<ack id>[…]`) are named by the request of that id.
  const asked = new Map<string, string>();
  const watched = new WeakSet<WebSocket>();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data) {
    const name = steps.messageName(data);
    if (name) mark(`ws sends ${name}`);
    const ack = typeof data === "string" ? /^42(\d+)\[/.exec(data) : null;
    if (ack && name) asked.set(ack[1]!, name);
    if (!watched.has(this)) {
      watched.add(this);
      this.addEventListener("message", (event) => {
        const answer = typeof event.data === "string" ? /^43(\d+)\[/.exec(event.data) : null;
        const name = answer && asked.get(answer[1]!);
        if (name) mark(`ws answer ${name} handled`);
      });
    }
    send.call(this, data);
  };
  // The same answers when they arrive, before the page's own listeners run (socket.io's is added later).
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("message", (event) => {
        const answer = typeof event.data === "string" ? /^43(\d+)\[/.exec(event.data) : null;
        const name = answer && asked.get(answer[1]!);
        if (name) mark(`ws answer ${name} arrives`);
      });
    }
  } as typeof WebSocket;
  const NativePeerConnection = window.RTCPeerConnection;
  let connections = 0;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      const name = `pc${++connections}`;
      mark(`${name} created`);
      this.addEventListener("iceconnectionstatechange", () => mark(`${name} ice ${this.iceConnectionState}`));
      this.addEventListener("connectionstatechange", () => mark(`${name} ${this.connectionState}`));
      this.addEventListener("track", (event) => mark(`${name} track ${event.track.kind}`));
      const setRemote = this.setRemoteDescription.bind(this);
      this.setRemoteDescription = async (description: RTCSessionDescriptionInit) => {
        mark(`${name} remote ${description.type}`);
        await setRemote(description);
        mark(`${name} remote ${description.type} set`);
      };
    }
  } as typeof RTCPeerConnection;
}
