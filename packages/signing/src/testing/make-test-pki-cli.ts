// For playwright.config.ts, which cannot import ESM workspace packages: makes the test PKI in the
// folder given (a throwaway one of the e2e run), so the stack signs with a certificate of its own.
import { makeTestPki } from "./test-pki";

const dir = process.argv[2];
if (!dir) {
  console.error("usage: make-test-pki-cli.ts <folder>");
  process.exit(2);
}
await makeTestPki(dir);
