import { z } from "zod";

/** Thrown when a process's environment does not satisfy its config schema. */
export class ConfigError extends Error {
  constructor(
    readonly processName: string,
    readonly problems: { variable: string; message: string }[],
  ) {
    super(
      `${processName}: invalid configuration\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/**
 * Validates environment variables against a zod object schema whose keys are the variable
 * names. Every problem names the variable, so an operator knows what to fix.
 */
export function parseEnv<S extends z.ZodObject>(
  processName: string,
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const picked = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key] === "" ? undefined : env[key]]),
  );
  const result = schema.safeParse(picked);
  if (result.success) return result.data;
  throw new ConfigError(
    processName,
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "?"),
      message: issue.message,
    })),
  );
}

/** Port numbers as environment variables. */
export const zPort = z.coerce.number().int().min(1).max(65535);
