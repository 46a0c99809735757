import type { z } from "zod";
import { AppError } from "../errors/app-error";

/** zod at the edge: the first problem becomes a AppError naming the field. */
export function parseInput<TSchema extends z.ZodType>(schema: TSchema, input: unknown): z.output<TSchema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join(".") || undefined;
  const message = issue.code === "invalid_type" ? `Dữ liệu không hợp lệ${field ? ` (${field})` : ""}.` : issue.message;
  throw new AppError("INVALID_INPUT", message, 400, field);
}
