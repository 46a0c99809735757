import { z } from "zod";
import { SERVICE_TOKEN_SCOPES, type TServiceTokenScope } from "../service-tokens/service-token-scopes";
import { API_SCHEMAS, STATISTICS_QUERY_PARAMETERS } from "./statistics-api";

export const STATISTICS_API_VERSION = "1.0.0";

/** The IOC endpoints: path, the scope a token needs, the response schema, and what it answers. */
export const STATISTICS_ENDPOINTS = [
  { path: "/api/v1/thong-ke/tong-hop", scope: "statistics.summary", schema: "SummaryResponse", summary: "Số liệu tổng hợp của kỳ, chia theo huyện, điểm cầu, trường, môn hoặc khối" },
  { path: "/api/v1/thong-ke/xu-huong", scope: "statistics.trend", schema: "TrendResponse", summary: "Diễn biến theo ngày (tuần, tháng) hoặc theo tháng (năm học, khoảng dài)" },
  { path: "/api/v1/thong-ke/diem-cau", scope: "statistics.bridge-points", schema: "BridgePointsResponse", summary: "Chuyên cần của từng điểm cầu trong các buổi hội nghị" },
] as const satisfies readonly { path: string; scope: TServiceTokenScope; schema: string; summary: string }[];

const PARAMETER_DESCRIPTIONS: Record<keyof typeof STATISTICS_QUERY_PARAMETERS, string> = {
  period: "Kỳ: tuần, tháng, năm học (1/9–31/8) chứa ngày `date`, hoặc khoảng `from`–`to`",
  date: "Một ngày trong kỳ (yyyy-MM-dd, giờ Việt Nam); mặc định hôm nay",
  from: "Ngày đầu của khoảng (kèm period=range)",
  to: "Ngày cuối của khoảng, tính cả ngày này",
  groupBy: "Chia theo",
  districtId: "Chỉ một huyện (mã do hệ thống cấp); mã truy cập gắn với một huyện chỉ xem được huyện đó",
  page: "Trang, từ 1",
  pageSize: "Số dòng mỗi trang",
};

function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

function parameters() {
  return Object.entries(STATISTICS_QUERY_PARAMETERS).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    description: PARAMETER_DESCRIPTIONS[name as keyof typeof PARAMETER_DESCRIPTIONS],
    schema: withoutDialect(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>),
  }));
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });

/** The OpenAPI 3.1 document of the statistics API, served at /api/v1/openapi.json. */
export function buildOpenApiDocument(serverUrl: string) {
  const { schemas } = z.toJSONSchema(API_SCHEMAS, { uri: (id) => `#/components/schemas/${id}`, target: "draft-2020-12" });
  const paths = Object.fromEntries(
    STATISTICS_ENDPOINTS.map((endpoint) => [
      endpoint.path,
      {
        get: {
          operationId: endpoint.scope.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase()),
          summary: endpoint.summary,
          security: [{ serviceToken: [] }],
          "x-scope": endpoint.scope,
          parameters: parameters(),
          responses: {
            "200": { description: "Số liệu", content: { "application/json": { schema: { $ref: `#/components/schemas/${endpoint.schema}` } } } },
            "400": errorResponse("Tham số không hợp lệ"),
            "401": errorResponse("Thiếu mã truy cập, hoặc mã không hợp lệ hay đã bị thu hồi"),
            "403": errorResponse("Mã truy cập không có quyền này, hoặc hỏi huyện ngoài phạm vi của mã"),
          },
        },
      },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: {
      title: "Điểm Cầu — Thống kê cho Trung tâm Điều hành (IOC)",
      version: STATISTICS_API_VERSION,
      description:
        "Số liệu hội nghị, buổi học, người tham dự, chuyên cần điểm cầu, bản ghi, học liệu và lượt xem. " +
        `Chỉ đọc; mã truy cập do quản trị viên cấp, với các quyền: ${SERVICE_TOKEN_SCOPES.join(", ")}. Giờ Việt Nam (Asia/Ho_Chi_Minh).`,
    },
    servers: [{ url: serverUrl }],
    security: [{ serviceToken: [] }],
    paths,
    components: {
      securitySchemes: { serviceToken: { type: "http", scheme: "bearer", description: "Mã truy cập dịch vụ (dcst_…)" } },
      schemas: Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, withoutDialect(schema as Record<string, unknown>)])),
    },
  };
}
