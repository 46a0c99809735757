import { describe, expect, it } from "vitest";
import { readLimitedBody } from "./read-limited-body";

/** A chunked body (no Content-Length) that counts how much of itself was read. */
function chunkedRequest(chunks: number, chunkBytes: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(chunkBytes));
    },
  });
  return { request: new Request("http://localhost/api/x", { method: "POST", body, duplex: "half" } as RequestInit), pulled: () => pulled };
}

describe("readLimitedBody()", () => {
  it("refuses by Content-Length before reading anything", async () => {
    const request = new Request("http://localhost/api/x", { method: "POST", body: "x".repeat(2000), headers: { "content-length": "2000" } });
    await expect(readLimitedBody(request, 1000)).rejects.toMatchObject({ code: "BODY_TOO_LARGE", status: 413 });
    expect(request.bodyUsed).toBe(false);
  });

  it("stops a chunked body as soon as it passes the limit, without reading the rest", async () => {
    const { request, pulled } = chunkedRequest(1000, 1024);
    await expect(readLimitedBody(request, 10 * 1024)).rejects.toMatchObject({ code: "BODY_TOO_LARGE" });
    expect(pulled()).toBeLessThan(20);
  });

  it("returns a body within the limit whole", async () => {
    const { request } = chunkedRequest(3, 100);
    expect((await readLimitedBody(request, 1000)).byteLength).toBe(300);
  });
});
