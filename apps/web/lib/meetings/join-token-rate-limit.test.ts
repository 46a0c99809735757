import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { takeJoinToken } from "./join-token-rate-limit";

describe("takeJoinToken()", () => {
  it("lets JOIN_TOKENS_PER_MINUTE tokens through per key, then refuses with a code and the seconds to wait", async () => {
    for (let i = 0; i < 3; i++) await takeJoinToken("user:a", 3);
    const refusal = await takeJoinToken("user:a", 3).then(() => null, (e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "JOIN_TOKEN_RATE_LIMITED", status: 429, params: { seconds: expect.any(Number) } });
    expect((refusal as AppError).params!.seconds).toBeLessThanOrEqual(60);
    // Another person is not held back by the first.
    await takeJoinToken("user:b", 3);
  });
});
