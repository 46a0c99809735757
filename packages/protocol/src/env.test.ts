import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, parseEnv, zPort } from "./env";

describe("parseEnv", () => {
  const schema = z.object({ PORT: zPort.default(3000), SECRET: z.string().min(16) });

  it("returns typed values with defaults applied", () => {
    expect(parseEnv("web", schema, { SECRET: "x".repeat(16) })).toEqual({ PORT: 3000, SECRET: "x".repeat(16) });
  });

  it("names every variable that is missing or invalid", () => {
    try {
      parseEnv("web", schema, { PORT: "99999" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const err = e as ConfigError;
      expect(err.problems.map((p) => p.variable).sort()).toEqual(["PORT", "SECRET"]);
      expect(err.message).toContain("web: invalid configuration");
    }
  });

  it("treats an empty variable as unset", () => {
    expect(parseEnv("web", schema, { PORT: "", SECRET: "y".repeat(16) }).PORT).toBe(3000);
  });
});
