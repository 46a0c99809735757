import { z } from "zod";

/**
 * The department's signing certificate, as PEM files (certificate, possibly followed by its
 * intermediates, and key) or one PKCS#12 file, and the CA certificates a verifier trusts. The
 * worker signs with the first; web and `npm run verify-material` check against the second.
 */
export const signingEnvShape = {
  SIGNING_CERT_FILE: z.string().min(1).optional(),
  SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** Passphrase of an encrypted SIGNING_KEY_FILE. */
  SIGNING_KEY_PASSWORD: z.string().optional(),
  SIGNING_PKCS12_FILE: z.string().min(1).optional(),
  SIGNING_PKCS12_PASSWORD: z.string().optional(),
  /** PEM bundle of the CAs trusted to sign materials (for a self-signed certificate: that certificate). */
  SIGNING_CA_FILE: z.string().min(1).optional(),
  OPENSSL_PATH: z.string().min(1).default("openssl"),
};

export type TSigningEnv = {
  SIGNING_CERT_FILE?: string;
  SIGNING_KEY_FILE?: string;
  SIGNING_KEY_PASSWORD?: string;
  SIGNING_PKCS12_FILE?: string;
  SIGNING_PKCS12_PASSWORD?: string;
  SIGNING_CA_FILE?: string;
  OPENSSL_PATH: string;
};

/** The rules between the variables, for a config schema's superRefine. */
export function checkSigningEnv(env: TSigningEnv, ctx: z.RefinementCtx): void {
  const issue = (path: keyof TSigningEnv, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (env.SIGNING_CERT_FILE && env.SIGNING_PKCS12_FILE) issue("SIGNING_PKCS12_FILE", "chỉ dùng một trong SIGNING_CERT_FILE hoặc SIGNING_PKCS12_FILE");
  if (env.SIGNING_CERT_FILE && !env.SIGNING_KEY_FILE) issue("SIGNING_KEY_FILE", "cần khóa bí mật đi kèm SIGNING_CERT_FILE");
  if (env.SIGNING_KEY_FILE && !env.SIGNING_CERT_FILE) issue("SIGNING_CERT_FILE", "cần chứng thư số đi kèm SIGNING_KEY_FILE");
  if ((env.SIGNING_CERT_FILE || env.SIGNING_PKCS12_FILE) && !env.SIGNING_CA_FILE) {
    issue("SIGNING_CA_FILE", "cần chứng thư CA tin cậy để kiểm tra chữ ký (chứng thư tự ký: chính nó)");
  }
}
