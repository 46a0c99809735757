// npm run backup [-- <parent folder>]: the database, the media files and the secrets of this
// install into one dated folder (default backups/). A PostgreSQL server is dumped while it runs;
// the embedded database needs `npm start` stopped.
import { backup } from "./lib/backup";
import { currentInstall, DEFAULT_BACKUP_DIR } from "./install-paths";

try {
  const folder = await backup(currentInstall(), process.argv[2] ?? DEFAULT_BACKUP_DIR);
  console.log(`Đã sao lưu vào / backed up to: ${folder}`);
} catch (error) {
  console.error(`Sao lưu thất bại / backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
