import type { IncomingMessage, ServerResponse } from "node:http";
import type { TMediaServerHealth } from "@diemcau/protocol";

/** Answers GET /health; every other plain-HTTP path is a 404 (socket.io handles its own path). */
export function handleHttp(getHealth: () => TMediaServerHealth) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/health" && (req.method === "GET" || req.method === "HEAD")) {
      const health = getHealth();
      res.writeHead(health.ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : JSON.stringify(health));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: false, error: { code: "NOT_FOUND", message: "Không tìm thấy" } }));
  };
}
