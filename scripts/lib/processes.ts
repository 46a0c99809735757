import { spawn, type ChildProcess } from "node:child_process";

const COLORS = [36, 35, 33, 32, 34];

type ServiceOptions = {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  colorIndex: number;
  /** Called when the service keeps crashing (more than MAX_RESTARTS within RESTART_WINDOW_MS). */
  onGiveUp: (name: string) => void;
};

const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 1000;

/**
 * A long-running child whose output is prefixed with its name. When it dies unexpectedly it is
 * started again (a crashed media-server comes back and its clients reconnect by themselves),
 * unless it keeps crashing, which ends the whole suite through onGiveUp.
 */
export class SupervisedService {
  private child!: ChildProcess;
  private exited!: Promise<void>;
  private stopping = false;
  private readonly restarts: number[] = [];

  constructor(private readonly options: ServiceOptions) {
    this.spawn();
  }

  get name() {
    return this.options.name;
  }

  get pid() {
    return this.child.pid;
  }

  private spawn() {
    const { name, command, args, cwd, env, colorIndex } = this.options;
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const prefix = `\x1b[${COLORS[colorIndex % COLORS.length]}m[${name}]\x1b[0m `;
    const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) stream.write(prefix + line + "\n");
    };
    child.stdout?.on("data", relay(process.stdout));
    child.stderr?.on("data", relay(process.stderr));
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        resolve();
        if (!this.stopping) this.onUnexpectedExit(code ?? signal);
      }),
    );
  }

  private onUnexpectedExit(reason: number | string | null) {
    const now = Date.now();
    while (this.restarts.length && now - this.restarts[0]! > RESTART_WINDOW_MS) this.restarts.shift();
    if (this.restarts.length >= MAX_RESTARTS) {
      console.error(`[diemcau] ${this.name} dừng liên tục (${reason}); dừng toàn bộ. / keeps crashing; stopping.`);
      this.options.onGiveUp(this.name);
      return;
    }
    this.restarts.push(now);
    console.error(`[diemcau] ${this.name} đã dừng bất ngờ (${reason}); khởi động lại. / exited; restarting.`);
    setTimeout(() => {
      if (!this.stopping) this.spawn();
    }, RESTART_DELAY_MS);
  }

  /** SIGTERM, then SIGKILL if it has not exited after the grace period. */
  async stop(graceMs = 8000) {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * How a TypeScript entry point runs: in one Node process, with tsx as its loader. The tsx command
 * would run it in a child of its own and pass signals on, but it kills that child (and exits 130)
 * when the child has not acknowledged a signal within 30 ms, as happens on a busy machine: a stop
 * then skipped every shutdown step. `tsx` is resolved from the working directory up.
 */
export function typescriptCommand(entry: string, args: string[] = []): { command: string; args: string[] } {
  return { command: process.execPath, args: ["--import", "tsx", entry, ...args] };
}

/** Runs a command to completion, inheriting output; rejects on a non-zero exit. */
export function runStep(label: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} thất bại (mã thoát ${code})`))));
  });
}
