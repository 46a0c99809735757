import { randomInt } from "node:crypto";

// Letters and digits nobody misreads on a printed list (no 0/o, 1/l/i).
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const GROUPS = 3;
const GROUP_LENGTH = 4;

/**
 * A temporary password for a new account, handed out on paper and changed at the first sign-in:
 * 12 random characters of 31 (about 59 bits) in groups of four, e.g. "k7mq-x2pa-9dfe".
 */
export function generateTemporaryPassword(): string {
  const groups = Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""));
  return groups.join("-");
}
