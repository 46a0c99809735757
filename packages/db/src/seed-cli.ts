// npm run seed -w @diemcau/db   (DATABASE_URL, default the local PostgreSQL)
//   --if-empty   seed only a database without an organization (what npm start does, so that a
//                restart never brings back demo rows an administrator has renamed or removed)
import { checkDatabase } from "./check-database";
import { createPrismaClient } from "./client";
import { DEFAULT_DATABASE_URL } from "./database-url";
import { seedDemo } from "./seed";

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

try {
  await checkDatabase(url);
  const db = createPrismaClient(url);
  try {
    if (process.argv.includes("--if-empty") && (await db.organization.count()) > 0) {
      console.log("Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu. / Database not empty; demo seed skipped.");
      process.exit(0);
    }
    const summary = await seedDemo(db);
    console.log(
      `Dữ liệu mẫu đã sẵn sàng / demo data ready: ${summary.districts} huyện/districts, ` +
        `${summary.bridgePoints} điểm cầu/bridge points, ${summary.users} tài khoản/accounts, ${summary.events} sự kiện/events`,
    );
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
