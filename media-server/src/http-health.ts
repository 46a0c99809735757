import type { IncomingMessage, ServerResponse } from "node:http";
import { verifyInternalRequest, type TActiveRecordings, type TMediaServerHealth, type TNonceStore } from "@diemcau/protocol";

export type THttpRoutes = {
  /** GET /recordings/active for the worker's sweep, signed with MEDIA_SECRET (signInternalRequest). */
  activeRecordings?: { secret: string; nonces: TNonceStore; ids: () => string[] };
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** Answers GET /health and GET /recordings/active; every other plain-HTTP path is a 404 (socket.io handles its own path). */
export function handleHttp(getHealth: () => TMediaServerHealth, routes: THttpRoutes = {}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? "/").split("?")[0];
    const active = routes.activeRecordings;
    if (path === "/recordings/active" && req.method === "GET" && active) {
      const headers = { get: (name: string) => (req.headers[name] as string | undefined) ?? null };
      verifyInternalRequest({ method: "GET", path: req.url ?? "", body: "" }, headers, active.secret, active.nonces).then(
        (verdict) => {
          if (!verdict.ok)
            return json(res, 401, {
              ok: false,
              error: { code: "UNAUTHORIZED", message: "Yêu cầu nội bộ thiếu chữ ký, sai chữ ký hoặc đã được gửi trước đó." },
            });
          json(res, 200, { recordingIds: active.ids() } satisfies TActiveRecordings);
        },
        () => json(res, 500, { ok: false, error: { code: "INTERNAL", message: "Lỗi máy chủ." } }),
      );
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
