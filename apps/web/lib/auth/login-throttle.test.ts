import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import {
  LOCK_MS,
  MAX_FAILURES,
  clearLoginThrottle,
  readLoginThrottle,
  recordLoginFailure,
  retryAfterMinutes,
  throttleKey,
} from "./login-throttle";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

const t0 = new Date("2026-09-05T01:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe("login throttle", () => {
  it("locks the email+address for 15 minutes on the 5th failure within 15 minutes", async () => {
    const key = throttleKey("GV.Lan@DiemCau.local ", "10.0.0.1");
    expect(key).toBe("gv.lan@diemcau.local|10.0.0.1");
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect(await recordLoginFailure(testDb.db, key, at(i))).toEqual({ locked: false });
    }
    expect(await recordLoginFailure(testDb.db, key, at(5))).toEqual({ locked: true, retryAfterMs: LOCK_MS });
    const later = await readLoginThrottle(testDb.db, key, at(12));
    expect(later).toEqual({ locked: true, retryAfterMs: 8 * 60_000 });
    expect(await readLoginThrottle(testDb.db, throttleKey("gv.lan@diemcau.local", "10.0.0.2"), at(12))).toEqual({
      locked: false,
    });
    expect(await readLoginThrottle(testDb.db, key, at(20))).toEqual({ locked: false });
    // After the lock runs out the count starts again.
    expect(await recordLoginFailure(testDb.db, key, at(21))).toEqual({ locked: false });
  });

  it("forgets failures older than the window", async () => {
    const key = throttleKey("hs.minh@diemcau.local", "10.0.0.3");
    for (let i = 0; i < MAX_FAILURES - 1; i++) await recordLoginFailure(testDb.db, key, at(i));
    expect(await recordLoginFailure(testDb.db, key, at(16))).toEqual({ locked: false });
  });

  it("counts concurrent failures exactly once each", async () => {
    const key = throttleKey("canbo@diemcau.local", "10.0.0.4");
    const results = await Promise.all(
      Array.from({ length: MAX_FAILURES }, () => recordLoginFailure(testDb.db, key, at(1))),
    );
    expect(results.filter((r) => r.locked)).toHaveLength(1);
    expect((await testDb.db.loginThrottle.findUniqueOrThrow({ where: { key } })).failures).toBe(MAX_FAILURES);
  });

  it("clears the counter after a successful sign-in", async () => {
    const key = throttleKey("admin@diemcau.local", "10.0.0.5");
    await recordLoginFailure(testDb.db, key, at(1));
    await clearLoginThrottle(testDb.db, key);
    expect(await testDb.db.loginThrottle.findUnique({ where: { key } })).toBeNull();
  });

  it("rounds the wait up to whole minutes", () => {
    expect(retryAfterMinutes(LOCK_MS)).toBe(15);
    expect(retryAfterMinutes(61_000)).toBe(2);
    expect(retryAfterMinutes(500)).toBe(1);
  });
});
