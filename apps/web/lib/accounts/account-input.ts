import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "./password-policy";
import { ZOptionalStudentCodeSchema } from "./student-code";

export const ROLES = ["ADMIN", "STAFF", "TEACHER", "STUDENT", "BRIDGE_POINT"] as const;

/** An empty form field means "none". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => value || null);

/** The fields of an account an administrator or staff edits. */
export const ZAccountFieldsSchema = z.object({
  name: z.string().trim().min(1, "Vui lòng nhập họ tên.").max(120, "Họ tên tối đa 120 ký tự."),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Email không hợp lệ.")),
  role: z.enum(ROLES, "Vai trò không hợp lệ."),
  districtId: optionalText(64),
  school: optionalText(200),
  /** Required for a BRIDGE_POINT account (its room), ignored for every other role. */
  bridgePointId: optionalText(64),
  studentCode: ZOptionalStudentCodeSchema.nullish().transform((code) => code ?? null),
});
export type TAccountFields = z.output<typeof ZAccountFieldsSchema>;

/**
 * How a new account gets its password: a one-time link the administrator hands over, or a
 * temporary password they type, which must be changed at the first sign-in.
 */
export const ZNewPasswordSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("link") }),
  z.object({ kind: z.literal("temporary"), password: z.string().max(MAX_PASSWORD_LENGTH) }),
]);

export const ZCreateAccountSchema = ZAccountFieldsSchema.extend({ password: ZNewPasswordSchema });
export type TCreateAccountInput = z.input<typeof ZCreateAccountSchema>;
