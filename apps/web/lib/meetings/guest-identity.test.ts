import { describe, expect, it } from "vitest";
import { guestCookieOptions, issueGuestId, readGuestId } from "./guest-identity";

const secret = "a-web-auth-secret-of-at-least-32-characters";

describe("guest identity", () => {
  it("reads back the id it issued", () => {
    const { userId, cookie } = issueGuestId(secret);
    expect(userId).toMatch(/^guest:[0-9a-f-]{36}$/);
    expect(readGuestId(cookie, secret)).toBe(userId);
  });

  it("refuses a bare id, a forged or altered signature, and another server's", () => {
    const { userId, cookie } = issueGuestId(secret);
    const bare = userId.slice("guest:".length);
    expect(readGuestId(bare, secret)).toBeNull();
    expect(readGuestId(`${bare}.${"A".repeat(43)}`, secret)).toBeNull();
    const other = issueGuestId(secret).cookie;
    // Someone else's id with one's own signature does not pass.
    expect(readGuestId(`${other.split(".")[0]}.${cookie.split(".")[1]}`, secret)).toBeNull();
    expect(readGuestId(cookie, `${secret}-other`)).toBeNull();
    expect(readGuestId(undefined, secret)).toBeNull();
  });

  it("sits in an HttpOnly cookie that is Secure over HTTPS", () => {
    expect(guestCookieOptions(true)).toMatchObject({ httpOnly: true, secure: true, sameSite: "lax" });
    expect(guestCookieOptions(false)).toMatchObject({ httpOnly: true, secure: false });
  });
});
