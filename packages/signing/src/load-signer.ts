import { createPrivateKey, type KeyObject, type X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { certificateName, pemCertificates } from "./certificate-name";
import { opensslReason, runOpenssl } from "./openssl";
import { SigningConfigError } from "./signing-config-error";
import type { TSigningEnv } from "./signing-env";

/** The department's signing identity, held in memory by the worker. */
export type TSigner = {
  /** The signing certificate, PEM. */
  certificatePem: string;
  /** Intermediate certificates to embed beside it, PEM (may be empty). */
  chainPem: string;
  /** The private key, held in memory; openssl gets it encrypted under a one-time passphrase (cms.ts). */
  key: KeyObject;
  name: string;
  validTo: Date;
  opensslPath: string;
};

const P12_PASSWORD_VARIABLE = "DIEMCAU_PKCS12_PASSWORD";

async function readPkcs12(env: TSigningEnv, file: string): Promise<string> {
  const args = ["pkcs12", "-in", file, "-nodes", "-passin", `env:${P12_PASSWORD_VARIABLE}`];
  const options = { env: { [P12_PASSWORD_VARIABLE]: env.SIGNING_PKCS12_PASSWORD ?? "" } };
  let result = await runOpenssl(env.OPENSSL_PATH, args, options);
  // Files exported by older Windows and tokens use RC2/3DES, which OpenSSL 3 keeps in its legacy provider.
  if (result.code !== 0) result = await runOpenssl(env.OPENSSL_PATH, [...args, "-legacy"], options);
  if (result.code !== 0) throw new SigningConfigError("SIGNING_PKCS12_FILE", `không đọc được tệp PKCS#12 (sai mật khẩu?): ${opensslReason(result.stderr)}`);
  return result.stdout.toString("utf8");
}

function readKey(pem: string, passphrase: string | undefined, variable: string): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: "pem", passphrase });
  } catch (error) {
    throw new SigningConfigError(variable, `không đọc được khóa bí mật: ${(error as Error).message}`);
  }
}

/**
 * Loads the signing certificate and key from PEM or PKCS#12 files; null when none is configured
 * (materials are then unsigned). Refuses a key that does not belong to the certificate, and a
 * certificate that does not chain to SIGNING_CA_FILE, since nobody could verify what it signs.
 */
export async function loadSigner(env: TSigningEnv): Promise<TSigner | null> {
  let certificates: X509Certificate[];
  let key: KeyObject;
  let source: string;
  if (env.SIGNING_PKCS12_FILE) {
    source = "SIGNING_PKCS12_FILE";
    const pem = await readPkcs12(env, env.SIGNING_PKCS12_FILE);
    certificates = pemCertificates(pem);
    key = readKey(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(pem)?.[0] ?? "", undefined, source);
  } else if (env.SIGNING_CERT_FILE && env.SIGNING_KEY_FILE) {
    source = "SIGNING_CERT_FILE";
    certificates = pemCertificates(await readFile(env.SIGNING_CERT_FILE, "utf8"));
    key = readKey(await readFile(env.SIGNING_KEY_FILE, "utf8"), env.SIGNING_KEY_PASSWORD, "SIGNING_KEY_FILE");
  } else return null;

  const certificate = certificates.find((candidate) => candidate.checkPrivateKey(key));
  if (!certificate) throw new SigningConfigError(source, "không có chứng thư số nào khớp với khóa bí mật");
  const chain = certificates.filter((candidate) => candidate !== certificate);
  const signer: TSigner = {
    certificatePem: certificate.toString(),
    chainPem: chain.map((c) => c.toString()).join(""),
    key,
    name: certificateName(certificate),
    validTo: new Date(certificate.validTo),
    opensslPath: env.OPENSSL_PATH,
  };
  if (!env.SIGNING_CA_FILE) throw new SigningConfigError("SIGNING_CA_FILE", "cần chứng thư CA tin cậy");
  await checkChain(signer, env.SIGNING_CA_FILE);
  return signer;
}

async function checkChain(signer: TSigner, caFile: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "diemcau-chain-"));
  try {
    await writeFile(join(dir, "cert.pem"), signer.certificatePem);
    await writeFile(join(dir, "chain.pem"), signer.chainPem || signer.certificatePem);
    const result = await runOpenssl(signer.opensslPath, ["verify", "-CAfile", caFile, "-untrusted", join(dir, "chain.pem"), "-purpose", "any", join(dir, "cert.pem")]);
    if (result.code !== 0) {
      throw new SigningConfigError("SIGNING_CA_FILE", `chứng thư số ký không được CA tin cậy xác nhận: ${opensslReason(result.stderr)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
