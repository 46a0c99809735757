import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Secrets for a laptop install: taken from the environment when set, otherwise generated once
 * and kept (mode 600) under .data/ so that sessions and tokens survive a restart.
 */
export function loadOrCreateSecrets(file: string, names: readonly string[]): Record<string, string> {
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  let changed = false;
  for (const name of names) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return Object.fromEntries(names.map((name) => [name, process.env[name] || stored[name]!]));
}
