// The web process: Next.js behind a plain Node HTTP server whose only job is to tell the app the
// request's TCP peer (lib/security/client-address.ts), which Next's own `next start` hides once a
// client sends X-Forwarded-For itself. Run by scripts/start.ts: `tsx server.mts` with PORT; it listens
// on every interface, as `next start` does.
import { createServer } from "node:http";
import next from "next";
import { PEER_ADDRESS_HEADER } from "./lib/security/client-address";

const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: process.env.NODE_ENV !== "production", dir: import.meta.dirname, hostname: "localhost", port });
const handle = app.getRequestHandler();

await app.prepare();
const server = createServer((request, response) => {
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  void handle(request, response);
});
// Idle keep-alive sockets outlive those of clients and proxies (nginx keeps 60 s), so the server
// never closes one just as a client sends on it (which the client sees as ECONNRESET).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, () => console.log(`[web] http://localhost:${port} (Next.js ${process.env.NODE_ENV ?? "development"})`));
