import { spawn } from "node:child_process";

export type TOpensslResult = { code: number; stdout: Buffer; stderr: string };

/**
 * Runs Debian's openssl. Secrets never go on the command line (where `ps` shows them): passwords
 * go through an environment variable of the child alone.
 */
export function runOpenssl(
  opensslPath: string,
  args: string[],
  { env }: { env?: Record<string, string> } = {},
): Promise<TOpensslResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(opensslPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") }));
  });
}

/** The line of openssl's complaint worth showing: its "Verify error: …" reason, else its first line. */
export function opensslReason(stderr: string): string {
  const verify = /Verify error:\s*(.+)/.exec(stderr);
  if (verify) return verify[1]!.trim();
  const last = stderr.split("\n").map((line) => line.trim()).find((line) => /error:/.test(line));
  return (last ?? stderr.split("\n")[0] ?? "").replace(/^[0-9A-F]+:error:[0-9A-F]+:/, "").trim();
}
