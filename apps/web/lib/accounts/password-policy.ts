import { zxcvbn, zxcvbnOptions } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { DEMO_PASSWORD } from "@diemcau/db/seed";
import { AppError } from "../errors/app-error";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable" (about 10^8 guesses), OWASP's usual floor. */
const MIN_SCORE = 3;

// The common-password list and keyboard patterns ship inside the npm package (no download).
zxcvbnOptions.setOptions({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });

/**
 * Refuses a new password that is short, the published demo password, or guessable from common
 * passwords, keyboard walks and the user's own name and email (zxcvbn).
 */
export function checkNewPassword(password: string, personal: { email: string; name: string }): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("PASSWORD_TOO_SHORT", `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`, 400, "newPassword", [], {
      min: MIN_PASSWORD_LENGTH,
    });
  }
  if (password.length > MAX_PASSWORD_LENGTH) throw new AppError("PASSWORD_TOO_LONG", "Mật khẩu quá dài.", 400, "newPassword");
  const nameParts = personal.name.split(/\s+/).filter(Boolean);
  const inputs = [personal.email, personal.email.split("@")[0]!, ...nameParts, nameParts.join(""), "diemcau", "sgddt", "quangtri"];
  // People type their names without diacritics in passwords: "nguyenthilan" for Nguyễn Thị Lan.
  inputs.push(...inputs.map(withoutDiacritics));
  if (password === DEMO_PASSWORD || zxcvbn(password, inputs).score < MIN_SCORE) {
    throw new AppError(
      "PASSWORD_TOO_WEAK",
      "Mật khẩu quá dễ đoán (mật khẩu phổ biến, chuỗi phím liền nhau hoặc chứa tên, email của bạn). Hãy dùng một cụm vài từ không liên quan.",
      400,
      "newPassword",
    );
  }
}

function withoutDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}
