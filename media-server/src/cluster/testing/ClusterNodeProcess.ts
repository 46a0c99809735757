import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const tsx = fileURLToPath(new URL("../../../../node_modules/.bin/tsx", import.meta.url));
const entry = fileURLToPath(new URL("./cluster-node.ts", import.meta.url));

type TReply = { id: number; data?: unknown; error?: string };

/** A cluster-node.ts process in a network namespace, driven over its control lines. */
export class ClusterNodeProcess {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, (reply: TReply) => void>();
  readonly ready: Promise<void>;
  #nextId = 1;
  log = "";

  constructor(
    readonly nodeId: string,
    readonly url: string,
    namespace: string,
    env: Record<string, string>,
  ) {
    this.#child = spawn("ip", ["netns", "exec", namespace, tsx, entry], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    this.#child.stderr?.on("data", (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-20_000)));
    const exited = new Promise<never>((_, reject) =>
      this.#child.once("exit", (code, signal) => reject(new Error(`node ${nodeId} exited (${code ?? signal}): ${this.log}`))),
    );
    exited.catch(() => {});
    this.ready = Promise.race([new Promise<void>((resolve) => this.#pending.set(0, () => resolve())), exited]);
    createInterface({ input: this.#child.stdout! }).on("line", (line) => {
      if (!line.startsWith("@@ ")) return;
      const reply = JSON.parse(line.slice(3)) as TReply;
      this.#pending.get(reply.id)?.(reply);
      this.#pending.delete(reply.id);
    });
  }

  async command<T>(op: string, params: Record<string, unknown>): Promise<T> {
    const id = this.#nextId++;
    const reply = await new Promise<TReply>((resolve) => {
      this.#pending.set(id, resolve);
      this.#child.stdin!.write(`${JSON.stringify({ id, op, ...params })}\n`);
    });
    if (reply.error) throw new Error(`${this.nodeId} ${op}: ${reply.error}`);
    return reply.data as T;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** SIGKILL to the whole process group (tsx, node and its mediasoup worker): a node that dies. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (!this.running || this.#child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => this.#child.once("exit", () => resolve()));
    process.kill(-this.#child.pid, signal);
    await exited;
  }
}
