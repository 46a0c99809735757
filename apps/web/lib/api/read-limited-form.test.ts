import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { declaredOrOver, readLimitedForm } from "./read-limited-form";

const tooLarge = () => new AppError("TOO_LARGE", "quá lớn", 413);

describe("readLimitedForm()", () => {
  it("reads a form within the limit", async () => {
    const form = new FormData();
    form.set("role", "STUDENT");
    form.set("file", new File(["email\nhs.minh@diemcau.local\n"], "ds.csv", { type: "text/csv" }));
    const read = await readLimitedForm(new Request("http://localhost/upload", { method: "POST", body: form }), 64 * 1024, tooLarge);
    expect(read?.get("role")).toBe("STUDENT");
    expect(await (read?.get("file") as File).text()).toBe("email\nhs.minh@diemcau.local\n");
  });

  it("refuses a form over the limit, naming the declared size or just over the limit", async () => {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(100 * 1024)], "big.csv"));
    const request = new Request("http://localhost/upload", { method: "POST", body: form });
    await expect(readLimitedForm(request, 64 * 1024, tooLarge)).rejects.toMatchObject({ code: "TOO_LARGE", status: 413 });
    expect(declaredOrOver(new Request("http://localhost/", { method: "POST", headers: { "content-length": "2048" }, body: "x" }), 1024)).toBe(2048);
    expect(declaredOrOver(new Request("http://localhost/"), 1024)).toBe(1025);
  });

  it("answers null for a body that is not a form", async () => {
    const request = new Request("http://localhost/upload", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(await readLimitedForm(request, 1024, tooLarge)).toBeNull();
  });
});
