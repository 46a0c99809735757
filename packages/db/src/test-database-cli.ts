// Used by the root test script:  create  -> prints the new database's URL on stdout
//                                 drop <url> -> drops it
import { createTestDatabase, dropTestDatabase } from "./test-database";

const [command, url] = process.argv.slice(2);

try {
  if (command === "create") {
    const database = await createTestDatabase();
    process.stdout.write(`${database.url}\n`);
  } else if (command === "drop" && url) {
    await dropTestDatabase(url);
  } else {
    console.error("usage: test-database-cli.ts create | drop <url>");
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
