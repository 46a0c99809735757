import { PrismaPg } from "@prisma/adapter-pg";
import { DEFAULT_DATABASE_URL } from "./database-url";
import { PrismaClient } from "./generated/prisma/client";

export { DEFAULT_DATABASE_URL };

export function createPrismaClient(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

export type Db = ReturnType<typeof createPrismaClient>;

const globalForPrisma = globalThis as unknown as { diemcauPrisma?: Db };

/** One client per process (Next.js dev reloads modules, so it is kept on globalThis). */
export const prisma: Db = globalForPrisma.diemcauPrisma ?? createPrismaClient();
globalForPrisma.diemcauPrisma = prisma;
