import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { TChildReply, TChildStats } from "./protocol";

const CHILD = path.join(import.meta.dirname, "child.ts");

export type TMediaServerProcess = {
  port: number;
  pid: number;
  child: ChildProcess;
  stats(): Promise<TChildStats>;
  /** True while the process runs: a crash of media-server (not of a worker) ends it. */
  alive(): boolean;
  close(): Promise<void>;
};

/**
 * Starts media-server in a child process (bench/media-server/child.ts) with `env` added to this
 * process's environment (its MEDIASOUP_WORKER_BIN included), and waits until it listens.
 */
export async function startMediaServerProcess(env: Record<string, string>): Promise<TMediaServerProcess> {
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", CHILD], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let nextId = 1;
  const waiting = new Map<number, (data: TChildReply["data"]) => void>();
  child.on("message", (reply: TChildReply) => waiting.get(reply.id)?.(reply.data));
  const port = await new Promise<number>((resolve, reject) => {
    waiting.set(0, (data) => resolve((data as { ready: number }).ready));
    child.once("exit", (code) => reject(new Error(`media-server exited with ${code} before listening`)));
  });
  return {
    port,
    pid: child.pid!,
    child,
    alive: () => child.exitCode === null && child.signalCode === null,
    stats: () =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => reject(new Error("media-server did not answer stats within 10 s")), 10_000);
        waiting.set(id, (data) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(data as TChildStats);
        });
        child.send({ id, type: "stats" });
      }),
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
