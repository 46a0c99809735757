import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export function createPrismaClient(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

export type Db = ReturnType<typeof createPrismaClient>;

const globalForPrisma = globalThis as unknown as { diemcauPrisma?: Db };

/** One client per process (Next.js dev reloads modules, so it is kept on globalThis). */
export const prisma: Db = globalForPrisma.diemcauPrisma ?? createPrismaClient();
globalForPrisma.diemcauPrisma = prisma;
