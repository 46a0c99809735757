import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { TActiveRecordings, TMediaServerHealth } from "@diemcau/protocol";

export type THttpRoutes = {
  /** GET /recordings/active for the worker's sweep, with `Authorization: Bearer MEDIA_SECRET`. */
  activeRecordings?: { secret: string; ids: () => string[] };
};

/** Answers GET /health and GET /recordings/active; every other plain-HTTP path is a 404 (socket.io handles its own path). */
export function handleHttp(getHealth: () => TMediaServerHealth, routes: THttpRoutes = {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/recordings/active" && req.method === "GET" && routes.activeRecordings) {
      const expected = Buffer.from(`Bearer ${routes.activeRecordings.secret}`);
      const given = Buffer.from(req.headers.authorization ?? "");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: { code: "UNAUTHORIZED", message: "Thiếu hoặc sai khóa nội bộ." } }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ recordingIds: routes.activeRecordings.ids() } satisfies TActiveRecordings));
      return;
    }
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
