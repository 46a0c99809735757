import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A FAKE S3: an in-memory HTTP server that answers the five calls S3Storage makes (PutObject,
 * GetObject with Range, HeadObject, ListObjectsV2, DeleteObjects) with path-style URLs. No real
 * S3-compatible server is installable here (S3 is a boundary we do not own), so this checks the
 * requests our client builds; it does not verify signatures.
 */
export type FakeS3 = {
  endpoint: string;
  objects: Map<string, { body: Buffer; contentType: string; modifiedAt: Date }>;
  requests: { method: string; path: string; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
};

export async function startFakeS3(bucket: string, pageSize = 1000): Promise<FakeS3> {
  const objects: FakeS3["objects"] = new Map();
  const requests: FakeS3["requests"] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://fake");
      requests.push({ method: request.method ?? "", path: url.pathname + url.search, headers: request.headers });
      const [, bucketName, ...rest] = url.pathname.split("/");
      const key = decodeURIComponent(rest.join("/"));
      const body = Buffer.concat(chunks);
      const xml = (status: number, text: string) => {
        response.writeHead(status, { "content-type": "application/xml" });
        response.end(`<?xml version="1.0" encoding="UTF-8"?>${text}`);
      };
      if (bucketName !== bucket) return xml(404, "<Error><Code>NoSuchBucket</Code></Error>");

      if (request.method === "PUT" && key) {
        objects.set(key, { body, contentType: request.headers["content-type"] ?? "", modifiedAt: new Date() });
        response.writeHead(200, { etag: '"fake"' });
        return response.end();
      }
      if ((request.method === "GET" || request.method === "HEAD") && key) {
        const object = objects.get(key);
        if (!object) {
          if (request.method === "HEAD") {
            response.writeHead(404);
            return response.end();
          }
          return xml(404, "<Error><Code>NoSuchKey</Code><Message>not found</Message></Error>");
        }
        const headers = {
          "content-type": object.contentType,
          "last-modified": object.modifiedAt.toUTCString(),
          "accept-ranges": "bytes",
        };
        const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? "");
        if (range) {
          const start = Number(range[1]);
          const end = range[2] ? Math.min(Number(range[2]), object.body.length - 1) : object.body.length - 1;
          if (start >= object.body.length) return xml(416, "<Error><Code>InvalidRange</Code></Error>");
          const slice = object.body.subarray(start, end + 1);
          response.writeHead(206, {
            ...headers,
            "content-length": slice.length,
            "content-range": `bytes ${start}-${end}/${object.body.length}`,
          });
          return response.end(request.method === "HEAD" ? undefined : slice);
        }
        response.writeHead(200, { ...headers, "content-length": object.body.length });
        return response.end(request.method === "HEAD" ? undefined : object.body);
      }
      if (request.method === "GET" && url.searchParams.get("list-type") === "2") {
        const prefix = url.searchParams.get("prefix") ?? "";
        const all = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
        const from = Number(url.searchParams.get("continuation-token") ?? 0);
        const page = all.slice(from, from + pageSize);
        const truncated = from + pageSize < all.length;
        return xml(
          200,
          `<ListBucketResult><Name>${bucket}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${page.length}</KeyCount>` +
            `<IsTruncated>${truncated}</IsTruncated>` +
            (truncated ? `<NextContinuationToken>${from + pageSize}</NextContinuationToken>` : "") +
            page
              .map((k) => `<Contents><Key>${escapeXml(k)}</Key><Size>${objects.get(k)?.body.length}</Size></Contents>`)
              .join("") +
            `</ListBucketResult>`,
        );
      }
      if (request.method === "POST" && url.searchParams.has("delete")) {
        const keys = [...body.toString("utf8").matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unescapeXml(m[1] ?? ""));
        for (const k of keys) objects.delete(k);
        return xml(200, "<DeleteResult></DeleteResult>");
      }
      xml(400, "<Error><Code>NotImplementedByFake</Code></Error>");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function unescapeXml(value: string): string {
  return value.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
