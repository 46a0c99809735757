// npm run verify-material -- <materialId>: every file the material serves hashed again and its
// signature checked with openssl, as the verify page does. Exit 0: valid; 1: not; 2: cannot check.
import { createPrismaClient } from "@diemcau/db";
import { describeVerificationProblem, verifyMaterial } from "@diemcau/signing";
import { createStorage } from "@diemcau/storage";
import { loadWorkerConfig } from "./config";

async function main(): Promise<number> {
  const materialId = process.argv[2];
  if (!materialId) {
    console.error("Cách dùng: npm run verify-material -- <mã học liệu>");
    return 2;
  }
  const config = loadWorkerConfig();
  const db = createPrismaClient(config.DATABASE_URL);
  try {
    const result = await verifyMaterial({ db, storage: createStorage(config).media, caFile: config.SIGNING_CA_FILE, opensslPath: config.OPENSSL_PATH }, materialId);
    switch (result.status) {
      case "NOT_FOUND":
        console.error(`Không tìm thấy học liệu ${materialId}.`);
        return 2;
      case "UNSIGNED":
        console.log(`Học liệu ${materialId} chưa được ký số.`);
        return 1;
      case "VALID":
        console.log(`HỢP LỆ: ${result.fileCount} tệp khớp với bản kê đã ký; ký bởi ${result.signerName}${result.signedAt ? ` lúc ${result.signedAt.toISOString()}` : ""}.`);
        return 0;
      case "INVALID":
        console.log(`KHÔNG HỢP LỆ${result.signerName ? ` (ký bởi ${result.signerName})` : ""}:`);
        for (const problem of result.problems) console.log(`  - ${describeVerificationProblem(problem)}`);
        return 1;
    }
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
