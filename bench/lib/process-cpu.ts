import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const CLOCK_TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name in parentheses may hold spaces, so count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** Measures the share of one core a process used between start() and stop(). */
export function startCpuMeter(pid: number): { stop(): { cpuSeconds: number; wallSeconds: number; coreShare: number } } {
  const cpu0 = processCpuSeconds(pid);
  const t0 = performance.now();
  return {
    stop() {
      const cpuSeconds = processCpuSeconds(pid) - cpu0;
      const wallSeconds = (performance.now() - t0) / 1000;
      return { cpuSeconds, wallSeconds, coreShare: cpuSeconds / wallSeconds };
    },
  };
}
