// Run by scripts/start.ts after the demo seed, in demo mode only: adds the demo lessons once.
import { createPrismaClient, isDemoMode } from "@diemcau/db";
import { JOB_QUEUES } from "@diemcau/protocol";
import { createStorage } from "@diemcau/storage";
import PgBoss from "pg-boss";
import { loadWorkerConfig } from "../config";
import { ensureQueues } from "../jobs/register-jobs";
import { addDemoLessons } from "./demo-lessons";

const config = loadWorkerConfig();
if (!isDemoMode()) process.exit(0);
const db = createPrismaClient(config.DATABASE_URL);
const boss = new PgBoss({ connectionString: config.DATABASE_URL, schema: "pgboss", supervise: false, schedule: false });
try {
  await boss.start();
  await ensureQueues(boss);
  const started = Date.now();
  const { added } = await addDemoLessons({
    db,
    local: createStorage(config).local,
    enqueueFinalize: (job) => boss.send(JOB_QUEUES.recordingFinalize.name, job),
  });
  if (added.length > 0) console.log(`Bài học mẫu / demo lessons (${Date.now() - started} ms): ${added.join("; ")}`);
} catch (error) {
  // The demo is a first look, never a reason not to start: say what is missing and go on.
  console.warn(`Không tạo được bài học mẫu / demo lessons not made: ${error instanceof Error ? error.message : error}`);
} finally {
  await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
  await db.$disconnect();
}
