import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const RESULTS_DIR = path.join(import.meta.dirname, "..", "results");

/** Writes a benchmark's figures as JSON under bench/results/ (gitignored) and returns the file path. */
export function saveResults(name: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(RESULTS_DIR, `${name}-${stamp}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
  writeFileSync(path.join(RESULTS_DIR, `${name}-latest.json`), JSON.stringify(data, null, 2) + "\n");
  return file;
}

/** A plain-text table with right-aligned numbers, for stdout. */
export function formatTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? "").length)));
  const line = (row: string[]) => row.map((cell, col) => cell.padStart(widths[col] ?? 0)).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function verdict(ok: boolean): string {
  return ok ? "ĐẠT (met)" : "CHƯA ĐẠT (missed)";
}
