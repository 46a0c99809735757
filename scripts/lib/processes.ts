import { spawn, type ChildProcess } from "node:child_process";

const COLORS = [36, 35, 33, 32, 34];

export type Supervised = { name: string; child: ChildProcess; exited: Promise<number | null> };

/** Spawns a long-running child whose output is prefixed with its name. */
export function spawnSupervised(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  colorIndex: number,
): Supervised {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = `\x1b[${COLORS[colorIndex % COLORS.length]}m[${name}]\x1b[0m `;
  const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) stream.write(prefix + line + "\n");
  };
  child.stdout?.on("data", relay(process.stdout));
  child.stderr?.on("data", relay(process.stderr));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name, child, exited };
}

/** Runs a command to completion, inheriting output; rejects on a non-zero exit. */
export function runStep(label: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${label} thất bại (mã thoát ${code})`))));
  });
}

/** SIGTERM, then SIGKILL for whatever has not exited after the grace period. */
export async function stopAll(processes: Supervised[], graceMs = 8000) {
  for (const p of processes) if (p.child.exitCode === null) p.child.kill("SIGTERM");
  const timeout = new Promise((resolve) => setTimeout(resolve, graceMs));
  await Promise.race([Promise.all(processes.map((p) => p.exited)), timeout]);
  for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
}
