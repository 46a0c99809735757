import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TJsonDocument } from "../json-document-system";

export interface TFakeDocumentSystem {
  /** The lookup URL template to configure, e.g. http://127.0.0.1:PORT/api/van-ban?so={number}. */
  lookupUrl: string;
  /** Numbers asked for, in order (to prove what reached the system). */
  requests: { number: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/**
 * A fake of the department's document system, which we do not own: a real HTTP server on a free
 * local port that answers the JSON lookup for the documents it is given (404 for others). A value
 * that is a string is sent as the raw body, to play a system that answers something unreadable.
 */
export async function startFakeDocumentSystem(documents: Record<string, TJsonDocument | string>, token?: string): Promise<TFakeDocumentSystem> {
  const requests: TFakeDocumentSystem["requests"] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const number = url.searchParams.get("so") ?? "";
    requests.push({ number, authorization: req.headers.authorization });
    if (url.pathname !== "/api/van-ban") return void res.writeHead(404).end();
    if (token && req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
    const document = documents[number];
    if (document === undefined) return void res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(typeof document === "string" ? document : JSON.stringify(document));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    lookupUrl: `http://127.0.0.1:${port}/api/van-ban?so={number}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
