import { createPrismaClient, type Db } from "@diemcau/db";
import { createTestDatabase as createMigratedDatabase } from "@diemcau/db/test-database";

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A fresh, migrated database (see @diemcau/db/test-database) with a Prisma client on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = await createMigratedDatabase();
  const db = createPrismaClient(database.url);
  return {
    url: database.url,
    db,
    async drop() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
