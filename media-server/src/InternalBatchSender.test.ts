import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { InternalBatchSender } from "./InternalBatchSender";
import { isSignedBy } from "./test-signed-request";

const secret = "internal-batch-sender-test-secret-0123456789";

type TItem = { kind: "keep" | "spare"; n: number };

/** A port nobody listens on yet, so deliveries fail until a stand-in web starts there. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Accepts signed `{ items }` bodies and records them. */
async function standInWeb(port: number, received: TItem[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      void isSignedBy(req, body, secret).then((ok) => {
        if (ok) received.push(...(JSON.parse(body) as { items: TItem[] }).items);
        res.writeHead(ok ? 200 : 401).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

describe("InternalBatchSender queue bound", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  });

  const sender = (port: number, logs: string[], pickDrop?: (queue: readonly TItem[]) => number) =>
    new InternalBatchSender<TItem>({
      endpoint: `http://127.0.0.1:${port}/internal`,
      secret,
      wrap: (items) => ({ items }),
      batchMax: 2,
      maxQueue: 3,
      pickDrop,
      batchDelayMs: 60_000, // nothing leaves before the test's own flush()
      label: "test",
      noun: "item(s)",
      log: (message) => logs.push(message),
    });

  it("drops the oldest item past the bound by default, logs it, and delivers the rest in order", async () => {
    const port = await closedPort();
    const logs: string[] = [];
    const s = sender(port, logs);
    for (let n = 0; n < 5; n++) s.add({ kind: "keep", n });
    expect(s.pending).toBe(3);
    expect(logs).toEqual(["test: queue full (3), item(s) dropped", "test: queue full (3), item(s) dropped"]);
    const received: TItem[] = [];
    servers.push(await standInWeb(port, received));
    await s.flush();
    expect(received.map((i) => i.n)).toEqual([2, 3, 4]);
    await s.close();
  });

  it("drops the item pickDrop chooses, and the oldest when it finds none", async () => {
    const port = await closedPort();
    const s = sender(port, [], (queue) => queue.findIndex((i) => i.kind === "spare"));
    s.add({ kind: "keep", n: 0 });
    s.add({ kind: "spare", n: 1 });
    s.add({ kind: "keep", n: 2 });
    s.add({ kind: "keep", n: 3 }); // drops the spare
    s.add({ kind: "keep", n: 4 }); // no spare left: drops the oldest
    const received: TItem[] = [];
    servers.push(await standInWeb(port, received));
    await s.close();
    expect(received.map((i) => i.n)).toEqual([2, 3, 4]);
    expect(s.pending).toBe(0);
  });
});
