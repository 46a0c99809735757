// npm run restore -- <backup folder>: brings a backup back into this install (DATABASE_URL, or
// the embedded database, and STORAGE_DIR), which must be empty: a fresh machine, or folders moved
// away first. Then `npm start` applies any newer migrations.
import { restore } from "./lib/backup";
import { currentInstall } from "./install-paths";

const folder = process.argv[2];
if (!folder) {
  console.error("Dùng / usage: npm run restore -- <thư mục sao lưu / backup folder>");
  process.exit(2);
}
try {
  const manifest = await restore(folder, currentInstall());
  console.log(`Đã khôi phục bản sao lưu ngày ${manifest.createdAt} / restored the backup of ${manifest.createdAt}.`);
} catch (error) {
  console.error(`Khôi phục thất bại / restore failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
