import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toApiResponse } from "../api/to-api-response";
import type { TAccessViewer } from "../materials/material-access";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { requestNewsPublication } from "./request-news-publication";

describe("POST /api/materials/<id>/news on a real database", () => {
  let database: TestDatabase;
  let staff: TAccessViewer;
  let materialId: string;
  const queued: string[] = [];
  const options = { enabled: true, enqueue: async (id: string) => void queued.push(id) };
  const request = (id: string, opts = options) => toApiResponse(() => requestNewsPublication(database.db, id, staff, opts), 202);
  const links = () => database.db.newsLink.findMany({ where: { materialId } });

  beforeAll(async () => {
    database = await createTestDatabase();
    const user = await database.db.user.create({ data: { email: "canbo@example.test", name: "Cán bộ Sở", role: "STAFF", passwordHash: "x" } });
    staff = { id: user.id, role: user.role };
    materialId = (await database.db.material.create({ data: { title: "Tập huấn chuyển đổi số", ownerId: user.id, visibility: "INTERNAL", published: true } })).id;
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("refuses while no portal is configured, and for a material that is not public and published", async () => {
    const off = await request(materialId, { ...options, enabled: false });
    expect(off.status).toBe(409);
    expect((await off.json()).error.code).toBe("NEWS_PUBLISHING_OFF");
    const internal = await request(materialId);
    expect(internal.status).toBe(409);
    expect((await internal.json()).error.code).toBe("NEWS_MATERIAL_NOT_PUBLIC");
    expect((await request("khong-co")).status).toBe(404);
    expect(await links()).toEqual([]);
  });

  it("queues one article with a readable idempotency key, however often and however fast staff ask", async () => {
    await database.db.material.update({ where: { id: materialId }, data: { visibility: "PUBLIC" } });
    const answers = await Promise.all([request(materialId), request(materialId), request(materialId)]);
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    const [link, ...others] = await links();
    expect(others).toEqual([]);
    expect(link).toMatchObject({ kind: "PUBLISHED", status: "PENDING", requestedById: staff.id });
    expect(link!.idempotencyKey).toMatch(/^tap-huan-chuyen-doi-so-[0-9a-f]{8}$/);
    expect(new Set(queued)).toEqual(new Set([link!.id]));
  });

  it("queues a failed article again with the same key, and refuses once it is published", async () => {
    const [before] = await links();
    await database.db.newsLink.update({ where: { id: before!.id }, data: { status: "FAILED", errorCode: "PORTAL_UNREACHABLE", error: "x" } });
    queued.length = 0;
    expect((await request(materialId)).status).toBe(202);
    const [after] = await links();
    expect(after).toMatchObject({ id: before!.id, idempotencyKey: before!.idempotencyKey, status: "PENDING", errorCode: null, error: null });
    expect(queued).toEqual([before!.id]);

    await database.db.newsLink.update({ where: { id: before!.id }, data: { status: "PUBLISHED", url: "https://portal.example/bai/" } });
    const again = await request(materialId);
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("NEWS_ALREADY_PUBLISHED");
  });

  it("marks the article failed, to be tried again, when the queue cannot take it", async () => {
    const other = (await database.db.material.create({ data: { title: "Khác", ownerId: staff.id, visibility: "PUBLIC", published: true } })).id;
    const response = await request(other, { enabled: true, enqueue: () => Promise.reject(new Error("queue down")) });
    expect(response.status).toBe(503);
    expect(await database.db.newsLink.findFirst({ where: { materialId: other } })).toMatchObject({ status: "FAILED", errorCode: "NEWS_QUEUE_FAILED" });
  });
});
