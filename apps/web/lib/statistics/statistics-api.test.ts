import { Validator } from "@seriousme/openapi-schema-validator";
import { seedDemo } from "@diemcau/db";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServiceToken, revokeServiceToken } from "../service-tokens/service-tokens";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { buildOpenApiDocument, STATISTICS_ENDPOINTS } from "./openapi-document";
import { bridgePointsResponse, summaryResponse, trendResponse } from "./statistics-api";
import { handleStatisticsRequest, type TStatisticsResponder } from "./statistics-endpoint";

// The IOC API's real answers, from the handler its routes use, on a real database, checked against the
// OpenAPI document it serves: the document by an OpenAPI 3.1 validator, each answer by Ajv
// (JSON Schema 2020-12) against the schema the document gives for that path and status.

type TDocument = ReturnType<typeof buildOpenApiDocument>;
/** What each route of app/api/v1/thong-ke answers with. */
const RESPONDERS: Record<string, TStatisticsResponder> = {
  "/api/v1/thong-ke/tong-hop": summaryResponse,
  "/api/v1/thong-ke/xu-huong": trendResponse,
  "/api/v1/thong-ke/diem-cau": bridgePointsResponse,
};

describe("the statistics API against its OpenAPI document", () => {
  let database: TestDatabase;
  let document: TDocument;
  let ajv: Ajv2020;
  let province: string;
  let summaryOnly: string;
  let dongHaToken: string;
  let dongHaId: string;
  let adminId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    adminId = (await database.db.user.findUniqueOrThrow({ where: { email: "admin@diemcau.local" } })).id;
    dongHaId = (await database.db.district.findUniqueOrThrow({ where: { name: "Đông Hà" } })).id;
    const all = STATISTICS_ENDPOINTS.map((e) => e.scope);
    province = (await createServiceToken(database.db, adminId, { name: "IOC tỉnh", scopes: all })).token;
    summaryOnly = (await createServiceToken(database.db, adminId, { name: "Chỉ tổng hợp", scopes: ["statistics.summary"] })).token;
    dongHaToken = (await createServiceToken(database.db, adminId, { name: "Đông Hà", scopes: all, districtId: dongHaId })).token;
    document = buildOpenApiDocument("http://localhost:3000");
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(document, "openapi.json");
  });

  afterAll(async () => {
    await database?.drop();
  });

  async function call(path: string, query: string, token?: string): Promise<{ status: number; body: unknown }> {
    const req = new Request(`http://localhost:3000${path}${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const endpoint = STATISTICS_ENDPOINTS.find((e) => e.path === path)!;
    const response = await handleStatisticsRequest(database.db, req, endpoint.scope, RESPONDERS[path]!);
    return { status: response.status, body: await response.json() };
  }

  /** The body checked against the schema the document declares for this path and status. */
  function expectDocumented(path: string, status: number, body: unknown): void {
    const responses = (document.paths as Record<string, { get: { responses: Record<string, { content: { "application/json": { schema: { $ref: string } } } }> } }>)[path]!.get.responses;
    const schema = responses[String(status)]?.content["application/json"].schema;
    expect(schema, `${path} documents ${status}`).toBeDefined();
    const validate = ajv.compile({ $ref: `openapi.json${schema!.$ref}` });
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  }

  it("serves a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(document as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(STATISTICS_ENDPOINTS.map((e) => e.path));
  });

  it("answers every endpoint, every breakdown and period, as the document says", async () => {
    for (const { path } of STATISTICS_ENDPOINTS) {
      for (const query of ["", "?period=week", "?period=month&groupBy=subject", "?period=range&from=2026-09-01&to=2027-05-31&groupBy=bridgePoint", "?groupBy=school&page=1&pageSize=2", "?groupBy=grade"]) {
        const { status, body } = await call(path, query, province);
        expect(status, `${path}${query}`).toBe(200);
        expectDocumented(path, 200, body);
      }
    }
  });

  it("pages the answer: a school year's twelve months five at a time", async () => {
    const page = async (n: number) => (await call("/api/v1/thong-ke/xu-huong", `?period=school-year&date=2026-10-15&pageSize=5&page=${n}`, province)).body as { items: { bucket: string }[]; total: number; page: number; pageSize: number };
    const pages = [await page(1), await page(2), await page(3), await page(4)];
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 2, 0]);
    expect(pages.every((p) => p.total === 12 && p.pageSize === 5)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((i) => i.bucket))).toEqual(Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 8 + i, 1)).toISOString().slice(0, 10)));
  });

  it("refuses without a token, with an unknown or revoked one, and outside the token's scope, in the documented error shape", async () => {
    const path = "/api/v1/thong-ke/tong-hop";
    const refusals = [
      [await call(path, ""), 401, "SERVICE_TOKEN_REQUIRED"],
      [await call(path, "", "dcst_not-a-token"), 401, "SERVICE_TOKEN_INVALID"],
      [await call("/api/v1/thong-ke/xu-huong", "", summaryOnly), 403, "SERVICE_TOKEN_SCOPE"],
      [await call(path, "?districtId=another", dongHaToken), 403, "STATISTICS_OUT_OF_DISTRICT"],
      [await call(path, "?period=range&from=2026-09-01", province), 400, "INVALID_INPUT"],
      [await call(path, "?pageSize=100000", province), 400, "INVALID_INPUT"],
    ] as const;
    for (const [{ status, body }, expected, code] of refusals) {
      expect(status).toBe(expected);
      expect((body as { error: { code: string } }).error.code).toBe(code);
      expectDocumented(path, status, body);
    }
    const token = await createServiceToken(database.db, adminId, { name: "Tạm", scopes: ["statistics.summary"] });
    expect((await call(path, "", token.token)).status).toBe(200);
    await revokeServiceToken(database.db, adminId, token.id);
    expect((await call(path, "", token.token)).status).toBe(401);
  });

  it("holds a district's token to its district", async () => {
    const { body } = await call("/api/v1/thong-ke/tong-hop", "", dongHaToken);
    const summary = body as { districtId: string; items: { key: string }[] };
    expect(summary.districtId).toBe(dongHaId);
    expect(summary.items.every((item) => item.key === dongHaId)).toBe(true);
  });
});
