import { createPrismaClient, Prisma, type Db } from "@diemcau/db";
import { createTestDatabaseOf, type TDatabaseKind, type TestDatabase } from "@diemcau/db/test-database";
import { afterAll, beforeAll } from "vitest";
import { searchMaterials, type TSearchRequest } from "../search-materials";

export interface TTestMaterial {
  title: string;
  tags?: string[];
  description?: string;
  subject?: string;
  grade?: number;
  /** [second, text] transcript lines. */
  transcript?: [number, string][];
  /** [second, author, text] chat messages. */
  chat?: [number, string, string][];
  createdAt?: Date;
  viewCount?: number;
  trim?: [number | null, number | null];
}

/**
 * A fresh migrated database of one kind (PostgreSQL or the embedded PGlite) for a describe
 * block, with a teacher who owns what `add` creates. Searches see every material (the access
 * rules are apps/web's and tested there).
 */
export function useSearchTestBed(kind: TDatabaseKind) {
  const bed = {} as {
    database: TestDatabase;
    db: Db;
    ownerId: string;
    add(material: TTestMaterial): Promise<string>;
    search(query: string, options?: Partial<TSearchRequest>): ReturnType<typeof searchMaterials>;
    ids(query: string, options?: Partial<TSearchRequest>): Promise<string[]>;
  };
  beforeAll(async () => {
    bed.database = await createTestDatabaseOf(kind);
    bed.db = createPrismaClient(bed.database.url);
    const owner = await bed.db.user.create({ data: { email: `gv-${kind}@test.local`, name: "Lê Thị Lan", passwordHash: "x", role: "TEACHER" } });
    bed.ownerId = owner.id;
  });
  afterAll(async () => {
    await bed.db?.$disconnect();
    await bed.database?.drop();
  });
  bed.add = async (material) => {
    const { id } = await bed.db.material.create({
      data: {
        title: material.title,
        tags: material.tags ?? [],
        description: material.description,
        subject: material.subject,
        grade: material.grade,
        ownerId: bed.ownerId,
        published: true,
        visibility: "PUBLIC",
        viewCount: material.viewCount ?? 0,
        trimStartSec: material.trim?.[0] ?? null,
        trimEndSec: material.trim?.[1] ?? null,
        ...(material.createdAt ? { createdAt: material.createdAt } : {}),
      },
    });
    if (material.transcript?.length) {
      await bed.db.transcriptSegment.createMany({
        data: material.transcript.map(([second, text]) => ({ materialId: id, startSec: second, endSec: second + 4, text, source: "UPLOAD" as const })),
      });
    }
    if (material.chat?.length) {
      await bed.db.chatLine.createMany({ data: material.chat.map(([atSec, author, text]) => ({ materialId: id, atSec, author, text })) });
    }
    return id;
  };
  bed.search = (query, options = {}) => searchMaterials(bed.db, { visible: Prisma.sql`TRUE`, ...options, query });
  bed.ids = async (query, options) => (await bed.search(query, options)).items.map((item) => item.id);
  return bed;
}
