import { createServer } from "node:net";

/** Resolves when nothing listens on the port; rejects with a message that names it otherwise. */
export function assertPortFree(port: number, purpose: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => {
      reject(
        new Error(
          err.code === "EADDRINUSE"
            ? `Cổng ${port} (${purpose}) đang được dùng bởi một tiến trình khác. ` +
                `Dừng tiến trình đó hoặc chọn cổng khác. / Port ${port} (${purpose}) is already in use.`
            : `Không mở được cổng ${port} (${purpose}): ${err.message}`,
        ),
      );
    });
    probe.listen({ port, host: "0.0.0.0", exclusive: true }, () => probe.close(() => resolve()));
  });
}
