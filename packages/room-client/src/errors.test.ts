import { describe, expect, it } from "vitest";
import { mediaErrorFrom, RoomClientError, signalingFailure } from "./errors";

describe("mediaErrorFrom()", () => {
  it("tells a refused camera apart from a missing or busy one, in Vietnamese", () => {
    const denied = mediaErrorFrom(new DOMException("Permission denied", "NotAllowedError"));
    expect(denied.code).toBe("MEDIA_PERMISSION_DENIED");
    expect(denied.message).toMatch(/chưa được phép dùng camera/);
    expect(mediaErrorFrom(new DOMException("x", "NotFoundError")).code).toBe("MEDIA_DEVICE_NOT_FOUND");
    expect(mediaErrorFrom(new DOMException("x", "NotReadableError")).code).toBe("MEDIA_DEVICE_BUSY");
  });
  it("treats a refused screen picker as a cancelled share", () => {
    expect(mediaErrorFrom(new DOMException("x", "NotAllowedError"), true).code).toBe("SCREEN_SHARE_CANCELLED");
  });
});

describe("signalingFailure()", () => {
  it("keeps the server's message and marks final refusals as not retryable", () => {
    const locked = signalingFailure("ROOM_LOCKED", "Phòng đã khóa.");
    expect(locked).toBeInstanceOf(RoomClientError);
    expect(locked.message).toBe("Phòng đã khóa.");
    expect(locked.retryable).toBe(false);
    expect(signalingFailure("TOKEN_EXPIRED").retryable).toBe(true);
    expect(signalingFailure("INTERNAL").message).toBe("Lỗi máy chủ. Vui lòng thử lại.");
  });
});
