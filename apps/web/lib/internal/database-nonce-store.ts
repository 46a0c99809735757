import type { Db } from "@diemcau/db";
import type { TNonceStore } from "@diemcau/protocol";

/** Expired nonces are swept at most this often, by whichever claim comes first. */
const SWEEP_INTERVAL_MS = 60_000;
let lastSweepAt = 0;

/**
 * The nonces of internal requests in PostgreSQL, so a request replayed to another web process
 * is refused too: the primary key lets exactly one insert of a nonce through.
 */
export function databaseNonceStore(db: Db): TNonceStore {
  return {
    async claim(nonce, expiresAt) {
      const now = Date.now();
      if (now - lastSweepAt > SWEEP_INTERVAL_MS) {
        lastSweepAt = now;
        await db.internalRequestNonce.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
      }
      const inserted = await db.$executeRaw`
        INSERT INTO "InternalRequestNonce" ("nonce", "expiresAt") VALUES (${nonce}, ${expiresAt}) ON CONFLICT ("nonce") DO NOTHING`;
      return inserted === 1;
    },
  };
}
