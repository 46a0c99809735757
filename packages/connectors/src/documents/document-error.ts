/**
 * Every refusal of the documents connector: a stable code, the values its message needs, and the
 * Vietnamese message built from them in one place. apps/web turns it into an AppError (HTTP status
 * there) and the UI translates the code with the same params.
 */
const MESSAGES = {
  EDXML_EMPTY: () => "Tệp edXML rỗng. Vui lòng chọn một gói tin edXML.",
  EDXML_TOO_LARGE: (p: { max: string }) => `Tệp edXML quá lớn. Dung lượng tối đa ${p.max}.`,
  EDXML_NOT_UTF8: () => "Gói tin edXML phải được mã hóa UTF-8.",
  EDXML_NOT_XML: (p: { line: number; column: number }) =>
    `Tệp không phải XML hợp lệ (lỗi ở dòng ${p.line}, cột ${p.column}).`,
  EDXML_DOCTYPE_FORBIDDEN: () =>
    "Gói tin edXML không được chứa khai báo DOCTYPE hay thực thể (ENTITY); tệp đã bị từ chối mà không xử lý thực thể nào.",
  EDXML_NOT_EDXML: (p: { namespace: string }) => `Tệp XML không phải gói tin edXML (thiếu không gian tên ${p.namespace}).`,
  EDXML_MISSING_FIELDS: (p: { fields: string }) => `Gói tin edXML thiếu trường bắt buộc: ${p.fields}.`,
  EDXML_INVALID_FIELD: (p: { field: string; problem: string }) => `Trường ${p.field} của gói tin edXML không hợp lệ: ${p.problem}`,
  EDXML_BAD_DATE: (p: { value: string }) =>
    `Ngày ban hành “${p.value}” không hợp lệ; edXML ghi ngày theo dạng yyyy/MM/dd (ví dụ 2024/09/05).`,
  DOCUMENT_SYSTEM_UNREACHABLE: () => "Không kết nối được hệ thống quản lý văn bản. Vui lòng thử lại sau hoặc nhập tay.",
  DOCUMENT_SYSTEM_BAD_RESPONSE: () => "Hệ thống quản lý văn bản trả về dữ liệu không đọc được. Vui lòng nhập tay.",
  DOCUMENT_SYSTEM_MISSING_FIELDS: (p: { fields: string }) => `Văn bản trong hệ thống quản lý văn bản thiếu trường bắt buộc: ${p.fields}.`,
  DOCUMENT_NOT_IN_SYSTEM: (p: { number: string }) => `Không tìm thấy văn bản số ${p.number} trong hệ thống quản lý văn bản.`,
} satisfies Record<string, (params: never) => string>;

export type TDocumentErrorCode = keyof typeof MESSAGES;
type TParams<C extends TDocumentErrorCode> = Parameters<(typeof MESSAGES)[C]>[0];

export class DocumentError extends Error {
  constructor(
    readonly code: TDocumentErrorCode,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = "DocumentError";
  }
}

export function documentError<C extends TDocumentErrorCode>(
  code: C,
  ...[params]: TParams<C> extends undefined ? [] : [TParams<C>]
): DocumentError {
  const message = (MESSAGES[code] as (p: TParams<C>) => string)(params as TParams<C>);
  return new DocumentError(code, message, params as Record<string, string | number> | undefined);
}
