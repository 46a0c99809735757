// npm run seed -w @diemcau/db   (DATABASE_URL, default the local PostgreSQL)
//   --if-empty   seed only a database without an organization (what npm start does, so that a
//                restart never brings back demo rows an administrator has renamed or removed)
// Demo mode (the default outside NODE_ENV=production; DIEMCAU_DEMO=0/1 overrides) seeds the demo
// people, class and events; otherwise only the department and its bridge points (start.ts then
// prints the one-time link that creates the first administrator).
import { checkDatabase } from "./check-database";
import { createPrismaClient } from "./client";
import { DEFAULT_DATABASE_URL } from "./database-url";
import { isDemoMode, seedDemo, seedDepartment } from "./seed";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const demo = isDemoMode();

try {
  await checkDatabase(url);
  const db = createPrismaClient(url);
  try {
    if (process.argv.includes("--if-empty") && (await db.organization.count()) > 0) {
      console.log("Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu. / Database not empty; demo seed skipped.");
    } else if (demo) {
      const summary = await seedDemo(db);
      console.log(
        `Dữ liệu mẫu đã sẵn sàng / demo data ready: ${summary.districts} huyện/districts, ` +
          `${summary.bridgePoints} điểm cầu/bridge points, ${summary.users} tài khoản/accounts, ${summary.events} sự kiện/events`,
      );
    } else {
      const { bridgePointIds } = await seedDepartment(db);
      console.log(`Đã tạo Sở và ${bridgePointIds.size} điểm cầu (không có tài khoản mẫu). / Department and bridge points ready (no demo accounts).`);
    }
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
