import type { TServedFileKind } from "./material-manifest";
import type { TVerificationProblem } from "./verify-material";

const KIND: Record<TServedFileKind, string> = {
  playlist: "danh sách phát",
  segment: "đoạn video",
  mp4: "tệp MP4 tải về",
  poster: "ảnh đại diện",
  thumbnail: "ảnh xem trước",
  captions: "phụ đề",
};

/** One problem as a sentence for the operator's terminal (the web page translates by code instead). */
export function describeVerificationProblem(problem: TVerificationProblem): string {
  switch (problem.code) {
    case "FILE_CHANGED":
      return `${KIND[problem.kind]} ${problem.path} đã bị thay đổi sau khi ký`;
    case "FILE_MISSING":
      return `${KIND[problem.kind]} ${problem.path} có trong bản kê đã ký nhưng không còn được phục vụ`;
    case "FILE_NOT_SIGNED":
      return `${KIND[problem.kind]} ${problem.path} đang được phục vụ nhưng không có trong bản kê đã ký`;
    case "SIGNATURE_MISMATCH":
      return `bản kê không khớp với chữ ký (bị sửa sau khi ký hoặc chữ ký hỏng): ${problem.detail}`;
    case "CERT_UNTRUSTED":
      return `chứng thư số đã ký (${problem.signerName}) không được CA tin cậy xác nhận: ${problem.detail}`;
    case "TRUST_NOT_CONFIGURED":
      return "chưa cấu hình SIGNING_CA_FILE nên không kiểm tra được người ký";
  }
}
