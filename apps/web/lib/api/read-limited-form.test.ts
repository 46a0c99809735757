import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { readLimitedForm } from "./read-limited-form";

const tooLarge = (bytes: number) => new AppError("TOO_LARGE", `${bytes}`, 413);

function formRequest(form: FormData): Request {
  return new Request("http://localhost/upload", { method: "POST", body: form });
}

/** A body that streams `chunks` of `size` bytes with no Content-Length, and counts what was pulled. */
function chunkedRequest(chunks: number, size: number): { request: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  const request = new Request("http://localhost/upload", {
    method: "POST",
    body,
    headers: { "content-type": "multipart/form-data; boundary=x" },
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

describe("readLimitedForm()", () => {
  it("reads a form within the limit", async () => {
    const form = new FormData();
    form.set("role", "STUDENT");
    form.set("file", new File(["email\nhs.minh@diemcau.local\n"], "ds.csv", { type: "text/csv" }));
    const read = await readLimitedForm(formRequest(form), 64 * 1024, tooLarge);
    expect(read?.get("role")).toBe("STUDENT");
    expect(await (read?.get("file") as File).text()).toBe("email\nhs.minh@diemcau.local\n");
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { request, pulled } = chunkedRequest(1000, 1024);
    request.headers.set("content-length", String(1000 * 1024));
    await expect(readLimitedForm(request, 64 * 1024, tooLarge)).rejects.toMatchObject({ code: "TOO_LARGE", message: "1024000" });
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops a chunked body without Content-Length as soon as it passes the limit", async () => {
    const { request, pulled } = chunkedRequest(1000, 1024);
    await expect(readLimitedForm(request, 64 * 1024, tooLarge)).rejects.toMatchObject({ code: "TOO_LARGE", status: 413 });
    expect(pulled()).toBeLessThan(80);
  });
});
