import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { signIn, type TAccountName } from "./fixtures";

/*
 * Shared by the recording specs: the stack's database and media folder, and ffprobe on what the
 * recorder and the finalizer wrote there. Playwright loads specs as CommonJS and cannot import
 * the ESM workspace packages, so the storage keys of packages/protocol (recordingKeys and the
 * finalizer's outputs) are spelled out here.
 */

/** The stack's database: DATABASE_URL (npm test), else the embedded one playwright.config.ts starts. */
export const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:54339/postgres";
/** STORAGE_DIR of the stack, chosen by playwright.config.ts. */
export const STORAGE_DIR = process.env.E2E_STORAGE_DIR ?? "";
export const MEDIA_HEALTH_URL = `http://localhost:${process.env.E2E_MEDIA_SERVER_PORT ?? 3101}/health`;
/** As the meeting specs: software VP8 on this 2-core machine is the costly part. */
export const CAMERA = "camera=320x180@15";

export const recordingFiles = (recordingId: string) => {
  const prefix = join(STORAGE_DIR, "recordings", recordingId);
  return {
    livePlaylist: join(prefix, "live", "index.m3u8"),
    sourcePlaylist: join(prefix, "hls", "source", "index.m3u8"),
    mp4: join(prefix, "download.mp4"),
  };
};

export type TRecordingRow = {
  recordingId: string;
  status: string;
  progress: number;
  durationSec: number | null;
  materialId: string | null;
  hasMp4: boolean;
};

/** The newest recording of an event and its material, straight from the database. */
export async function recordingOfEvent(eventId: string): Promise<TRecordingRow | null> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<TRecordingRow>(
      `SELECT r.id AS "recordingId", r.status::text AS status, r.progress, r."durationSec",
              m.id AS "materialId", COALESCE(m."hasMp4", false) AS "hasMp4"
         FROM "Recording" r LEFT JOIN "Material" m ON m."recordingId" = r.id
        WHERE r."eventId" = $1 ORDER BY r."startedAt" DESC LIMIT 1`,
      [eventId],
    );
    return rows[0] ?? null;
  } finally {
    await client.end();
  }
}

/** Waits until the finalizer is done with every output (READY, MP4, 360p: progress 100). */
export async function waitForFinishedMaterial(eventId: string, timeoutMs: number): Promise<TRecordingRow> {
  let row: TRecordingRow | null = null;
  await expect
    .poll(
      async () => {
        row = await recordingOfEvent(eventId);
        return row && { status: row.status, progress: row.progress, hasMp4: row.hasMp4, material: row.materialId !== null };
      },
      { timeout: timeoutMs, intervals: [1000], message: "the recording is finalized into a material" },
    )
    .toEqual({ status: "READY", progress: 100, hasMp4: true, material: true });
  return row!;
}

/** Container duration in seconds as ffprobe reads it (a playlist is read segment by segment). */
export function probeDuration(file: string): number {
  // prettier-ignore
  const out = execFileSync("ffprobe", [
    "-v", "error", "-allowed_extensions", "ALL", "-show_entries", "format=duration", "-of", "csv=p=0", file,
  ], { encoding: "utf8" });
  return Number(out.trim());
}

/** Duration in seconds of a file's first stream of a type ("audio" | "video"), as ffprobe reads it. */
export function probeStreamDuration(file: string, type: "audio" | "video"): number {
  // prettier-ignore
  const out = execFileSync("ffprobe", [
    "-v", "error", "-select_streams", type === "audio" ? "a:0" : "v:0", "-show_entries", "stream=duration", "-of", "csv=p=0", file,
  ], { encoding: "utf8" });
  return Number(out.trim());
}

/**
 * Decodes a file or playlist to its end, as a player would: a damaged packet is skipped, not
 * fatal. For the segments a SIGKILL cut off, where the last packets written may be torn.
 */
export function decodesToTheEnd(file: string): void {
  execFileSync("ffmpeg", ["-v", "error", "-i", file, "-f", "null", "-"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export async function participant(browser: Browser, account: TAccountName): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account);
  return page;
}

export async function enterRoom(page: Page, path: string): Promise<void> {
  await page.goto(`${path}?${CAMERA}`);
  await page.getByRole("button", { name: "Tham gia" }).click();
  await expect(page.getByTestId("toggle-mic")).toBeVisible({ timeout: 20_000 });
}

/** Plays the material page's video (muted, so no gesture is needed) and waits for time to advance. */
export async function expectPlaying(page: Page, beyondSec: number, timeoutMs = 20_000): Promise<void> {
  const video = page.getByTestId("material-video");
  await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    void element.play();
  });
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: timeoutMs, message: `currentTime passes ${beyondSec} s` })
    .toBeGreaterThan(beyondSec);
}

/** Where a material's media lives in the stack's media folder (its recording's storagePrefix). */
export async function materialMediaDir(materialId: string): Promise<string> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ storagePrefix: string }>(
      `SELECT r."storagePrefix" FROM "Material" m JOIN "Recording" r ON r.id = m."recordingId" WHERE m.id = $1`,
      [materialId],
    );
    return join(STORAGE_DIR, rows[0]!.storagePrefix);
  } finally {
    await client.end();
  }
}
