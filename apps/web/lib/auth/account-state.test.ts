import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { forgetAccountState, refreshSessionUser } from "./account-state";
import type { TSessionUser } from "./session-user";

describe("refreshSessionUser(): the session follows the account in the database", () => {
  let database: TestDatabase;
  let jwtUser: TSessionUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    const user = await database.db.user.create({
      data: { email: "gv.an@diemcau.local", name: "Lê Văn An", role: "TEACHER", passwordHash: "x" },
      select: { id: true, email: true, name: true, role: true, bridgePointId: true, locale: true, sessionVersion: true, mustChangePassword: true, isDemo: true },
    });
    jwtUser = user;
  });
  afterAll(async () => {
    await database?.drop();
  });

  const change = async (data: Parameters<TestDatabase["db"]["user"]["update"]>[0]["data"]) => {
    await database.db.user.update({ where: { id: jwtUser.id }, data });
    forgetAccountState(jwtUser.id);
  };

  it("keeps a session whose account is unchanged", async () => {
    expect(await refreshSessionUser(database.db, jwtUser)).toEqual(jwtUser);
  });

  it("takes a role change at once, not at the next sign-in", async () => {
    await change({ role: "STAFF" });
    expect(await refreshSessionUser(database.db, jwtUser)).toMatchObject({ id: jwtUser.id, role: "STAFF" });
    await change({ role: "TEACHER" });
  });

  it("ends the session of a disabled account, and lets it back once re-enabled", async () => {
    await change({ disabledAt: new Date() });
    expect(await refreshSessionUser(database.db, jwtUser)).toBeNull();
    await change({ disabledAt: null });
    expect(await refreshSessionUser(database.db, jwtUser)).not.toBeNull();
  });

  it("ends every session signed before a password change (a newer sessionVersion)", async () => {
    await change({ sessionVersion: { increment: 1 } });
    expect(await refreshSessionUser(database.db, jwtUser)).toBeNull();
    expect(await refreshSessionUser(database.db, { ...jwtUser, sessionVersion: jwtUser.sessionVersion + 1 })).not.toBeNull();
  });

  it("reads again when a session is newer than the cached row (changed by another web process)", async () => {
    const current = (await database.db.user.findUniqueOrThrow({ where: { id: jwtUser.id } })).sessionVersion;
    expect(await refreshSessionUser(database.db, { ...jwtUser, sessionVersion: current })).not.toBeNull();
    await database.db.user.update({ where: { id: jwtUser.id }, data: { sessionVersion: { increment: 1 } } }); // not forgotten here
    expect(await refreshSessionUser(database.db, { ...jwtUser, sessionVersion: current + 1 })).not.toBeNull();
  });

  it("ends the session of a deleted account", async () => {
    expect(await refreshSessionUser(database.db, { ...jwtUser, id: "no-such-user" })).toBeNull();
  });
});
