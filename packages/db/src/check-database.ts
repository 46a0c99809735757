import pg from "pg";

export class DatabaseUnreachableError extends Error {
  readonly code = "DB_UNREACHABLE";
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(
      `Không kết nối được cơ sở dữ liệu PostgreSQL tại ${address} (${reason}). Kiểm tra DATABASE_URL.\n` +
        `Cannot connect to the PostgreSQL database at ${address} (${reason}). Check DATABASE_URL.`,
    );
    this.name = "DatabaseUnreachableError";
  }
}

/** "host:port" of a postgresql:// URL, for messages (never the password). */
export function databaseAddress(url: string): string {
  try {
    const { hostname, port } = new URL(url);
    return `${hostname || "localhost"}:${port || "5432"}`;
  } catch {
    return "(DATABASE_URL không hợp lệ / invalid DATABASE_URL)";
  }
}

/**
 * Connects to `url` and runs SELECT 1. Throws DatabaseUnreachableError, whose message names the
 * server and the reason in Vietnamese and English, so a process can print it instead of a stack.
 */
export async function checkDatabase(url: string, timeoutMs = 3000): Promise<void> {
  const address = databaseAddress(url);
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  } catch (error) {
    throw new DatabaseUnreachableError(address, reasonOf(error));
  }
  // A failing connection may also emit 'error' after connect() rejected.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new DatabaseUnreachableError(address, reasonOf(error));
  } finally {
    await client.end().catch(() => {});
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return reasonOf(error.errors[0]);
  const { code, message } = error as { code?: string; message?: string };
  if (code) return code === "3D000" ? `${code}: ${message}` : code; // 3D000: no such database
  if (message?.toLowerCase().includes("timeout")) return "timeout";
  return message ?? String(error);
}
