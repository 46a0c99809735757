// Cancels every event the access matrix made (the ids make-matrix-objects.mts gave), so that its lessons
// and conferences, open for two hours from now, stop holding the teacher's time and Đông Hà's
// bridge point for the specs that schedule their own. matrix-fixtures.ts runs it with tsx, as it
// runs make-matrix-objects.mts.
import { createPrismaClient } from "@diemcau/db";

export async function endMatrixObjects(databaseUrl: string, eventIds: string[]): Promise<number> {
  const db = createPrismaClient(databaseUrl);
  try {
    const { count } = await db.event.updateMany({ where: { id: { in: eventIds }, status: { not: "CANCELLED" } }, data: { status: "CANCELLED" } });
    return count;
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1]?.endsWith("end-matrix-objects.mts")) {
  const eventIds = process.argv.slice(2);
  if (eventIds.length === 0) throw new Error("usage: end-matrix-objects.mts <event id>...");
  process.stdout.write(String(await endMatrixObjects(process.env.DATABASE_URL!, eventIds)));
}
