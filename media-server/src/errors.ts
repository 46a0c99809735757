/** The port is taken: the operator needs one line saying so, not a stack trace. */
export class PortInUseError extends Error {
  readonly code = "EADDRINUSE";
  constructor(readonly port: number) {
    super(
      `Cổng ${port} đang được dùng bởi một tiến trình khác (EADDRINUSE). Đặt PORT khác hoặc dừng tiến trình đó.`,
    );
    this.name = "PortInUseError";
  }
}

export class RedisUnavailableError extends Error {
  constructor(readonly url: string, cause: unknown) {
    super(`Không kết nối được Redis tại ${redactUrl(url)} (REDIS_URL): ${String((cause as Error)?.message ?? cause)}`);
    this.name = "RedisUnavailableError";
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(URL không hợp lệ)";
  }
}
