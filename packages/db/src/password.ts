import { hash, verify } from "@node-rs/argon2";

// argon2id (the package's default algorithm) with OWASP's minimum cost: 19 MiB, 2 passes, 1 lane.
// The parameters are stored in the PHC string, so raising them later keeps old hashes valid.
const COST = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, COST);
}

/** False for a wrong password and for a hash that is not a valid argon2 PHC string. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
