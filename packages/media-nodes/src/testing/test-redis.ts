import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { Redis } from "ioredis";

export type TTestRedis = { url: string; stop(): Promise<void> };

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway redis-server of its own (no persistence), so a test sees only its own nodes and
 * rooms, never those of another process sharing the machine's Redis.
 */
export async function startTestRedis(host = "127.0.0.1"): Promise<TTestRedis> {
  const port = await freePort(host);
  const child = spawn("redis-server", ["--port", String(port), "--bind", host, "--save", "", "--appendonly", "no", "--protected-mode", "no"], {
    stdio: "ignore",
  });
  const url = `redis://${host}:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let attempt = 0; ; attempt++) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => {});
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch (error) {
      probe.disconnect();
      if (attempt > 100 || child.exitCode !== null) throw new Error(`redis-server did not start on ${url}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
