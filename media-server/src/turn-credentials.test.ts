import { describe, expect, it } from "vitest";
import { iceServersFor } from "./turn-credentials";

const secret = "turn-shared-secret-for-tests";
const now = Date.UTC(2026, 0, 1) - 3600_000;

describe("iceServersFor() (coturn's REST API shared-secret scheme)", () => {
  it("gives each person in each room their own credential that expires", () => {
    const ice = { urls: ["turn:turn.sgddt.example.vn:3478?transport=udp"], turnSecret: secret, credentialTtlSeconds: 3600 };
    const [server] = iceServersFor(ice, { userId: "u1", room: "room-1" }, now);
    // The expected credential was computed apart: echo -n "1767225600:u1@room-1" | openssl dgst -sha1 -hmac <secret> -binary | base64
    expect(server).toEqual({ urls: ice.urls, username: "1767225600:u1@room-1", credential: "uMG0kY3rDuqstJwSoZdZUTguFss=" });
    const other = iceServersFor(ice, { userId: "u2", room: "room-1" }, now)[0]!;
    const otherRoom = iceServersFor(ice, { userId: "u1", room: "room-2" }, now)[0]!;
    expect(new Set([server!.credential, other.credential, otherRoom.credential]).size).toBe(3);
  });

  it("hands out STUN without credentials, and nothing when no server is configured", () => {
    expect(iceServersFor({ urls: ["stun:10.0.0.1:3478"], credentialTtlSeconds: 3600 }, { userId: "u", room: "r" })).toEqual([
      { urls: ["stun:10.0.0.1:3478"] },
    ]);
    expect(iceServersFor({ urls: [], credentialTtlSeconds: 3600 }, { userId: "u", room: "r" })).toEqual([]);
  });
});
