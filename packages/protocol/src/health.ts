import { z } from "zod";

/** Answer of GET /health on media-server (and of each component inside /api/health). */
export const ZComponentHealthSchema = z.object({
  ok: z.boolean(),
  detail: z.string().optional(),
});
export type TComponentHealth = z.infer<typeof ZComponentHealthSchema>;

export const ZMediaServerHealthSchema = z.object({
  ok: z.boolean(),
  workers: z.number().int().nonnegative(),
  rooms: z.number().int().nonnegative(),
  /** The process id, so a supervisor test can kill exactly this process. */
  pid: z.number().int().positive().optional(),
});
export type TMediaServerHealth = z.infer<typeof ZMediaServerHealthSchema>;

export const ZHealthReportSchema = z.object({
  ok: z.boolean(),
  database: ZComponentHealthSchema,
  mediaServer: ZComponentHealthSchema,
  worker: ZComponentHealthSchema,
});
export type THealthReport = z.infer<typeof ZHealthReportSchema>;
