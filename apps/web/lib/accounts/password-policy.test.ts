import { DEMO_PASSWORD } from "@diemcau/db/seed";
import { describe, expect, it } from "vitest";
import { checkNewPassword } from "./password-policy";

const person = { email: "lan.nguyen@truong.edu.vn", name: "Nguyễn Thị Lan" };
const refusal = (password: string) => {
  try {
    checkNewPassword(password, person);
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe("checkNewPassword()", () => {
  it("refuses short passwords", () => {
    expect(refusal("Ab1!xyz")).toBe("PASSWORD_TOO_SHORT");
  });

  it("refuses common passwords, keyboard walks, the demo password and the user's own name or email", () => {
    for (const weak of ["password123", "1234567890", "qwertyuiop", "abcdefghijk", DEMO_PASSWORD, "lan.nguyen2026", "nguyenthilan1"]) {
      expect(refusal(weak), weak).toBe("PASSWORD_TOO_WEAK");
    }
  });

  it("accepts a phrase of unrelated words", () => {
    expect(refusal("mây trắng bay qua đèo Hải Vân")).toBeNull();
    expect(refusal("cà phê muối lúc 5 giờ chiều")).toBeNull();
  });
});
