import { createServer, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { checkDatabase, DatabaseUnreachableError } from "./check-database";

const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

// A port that was free a moment ago: nothing listens there.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("checkDatabase", () => {
  it("passes against a running PostgreSQL", async () => {
    await expect(checkDatabase(serverUrl)).resolves.toBeUndefined();
  });

  it("names host:port and the reason, in Vietnamese and English, when nothing listens", async () => {
    const port = await closedPort();
    const error = await checkDatabase(`postgresql://postgres@127.0.0.1:${port}/postgres`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnreachableError);
    const { message, code } = error as DatabaseUnreachableError;
    expect(code).toBe("DB_UNREACHABLE");
    expect(message).toContain(`Không kết nối được cơ sở dữ liệu PostgreSQL tại 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(message).toContain("Kiểm tra DATABASE_URL");
    expect(message).toContain(`Cannot connect to the PostgreSQL database at 127.0.0.1:${port}`);
    expect(message).not.toMatch(/\n\s+at /); // no stack trace in the message
  });

  it("gives up after the timeout when the server never answers", async () => {
    const silent = createServer(() => {}); // accepts and says nothing
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      const error = await checkDatabase(`postgresql://postgres@127.0.0.1:${port}/postgres`, 500).catch((e: unknown) => e);
      expect((error as Error).message).toContain(`127.0.0.1:${port} (timeout)`);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.close();
    }
  });

  it("reports a missing database by its SQLSTATE", async () => {
    const url = new URL(serverUrl);
    url.pathname = "/diemcau_no_such_database";
    await expect(checkDatabase(url.toString())).rejects.toThrow(/3D000/);
  });
});
