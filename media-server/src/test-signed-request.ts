import type { IncomingMessage } from "node:http";
import { MemoryNonceStore, verifyInternalRequest, type TNonceStore } from "@diemcau/protocol";

/** For stand-ins of web in tests: checks a Node request's internal signature as web does. */
export async function isSignedBy(req: IncomingMessage, body: string, secret: string, nonces: TNonceStore = new MemoryNonceStore()): Promise<boolean> {
  const headers = { get: (name: string) => (req.headers[name] as string | undefined) ?? null };
  const verdict = await verifyInternalRequest({ method: req.method ?? "", path: req.url ?? "", body }, headers, secret, nonces);
  return verdict.ok;
}
