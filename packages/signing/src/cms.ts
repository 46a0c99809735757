import { randomBytes, X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { certificateName } from "./certificate-name";
import type { TSigner } from "./load-signer";
import { opensslReason, runOpenssl } from "./openssl";

const KEY_PASSPHRASE_VARIABLE = "DIEMCAU_KEY_PASSPHRASE";

async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "diemcau-cms-"));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A detached CMS (PKCS #7) SignedData over `content`, DER: SHA-256, the signing certificate and
 * its intermediates embedded, a signingTime attribute. What `openssl cms -verify -content …` and
 * the department's signature tools check.
 */
export async function signDetached(content: Uint8Array, signer: TSigner): Promise<Buffer> {
  return inTempDir(async (dir) => {
    await writeFile(join(dir, "content"), content);
    await writeFile(join(dir, "signer.pem"), signer.certificatePem);
    const chain = signer.chainPem ? ["-certfile", join(dir, "chain.pem")] : [];
    if (signer.chainPem) await writeFile(join(dir, "chain.pem"), signer.chainPem);
    const args = ["cms", "-sign", "-binary", "-md", "sha256", "-nosmimecap", "-in", join(dir, "content"), "-signer", join(dir, "signer.pem")];
    // openssl reads keys from files only (a Node child's stdin is a socket it cannot open), so the
    // key goes to disk encrypted under a passphrase that only this call and its child ever hold.
    const passphrase = randomBytes(32).toString("base64url");
    await writeFile(join(dir, "key.pem"), signer.key.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase }), { mode: 0o600 });
    const result = await runOpenssl(
      signer.opensslPath,
      [...args, "-inkey", join(dir, "key.pem"), "-passin", `env:${KEY_PASSPHRASE_VARIABLE}`, ...chain, "-outform", "DER", "-out", join(dir, "signature")],
      { env: { [KEY_PASSPHRASE_VARIABLE]: passphrase } },
    );
    if (result.code !== 0) throw new Error(`openssl cms -sign failed: ${opensslReason(result.stderr)}`);
    return readFile(join(dir, "signature"));
  });
}

export type TSignatureCheck =
  | { ok: true; signerName: string; signedAt: Date | null }
  /** The signature does not cover these bytes (they changed after signing), or it is not a CMS signature. */
  | { ok: false; reason: "SIGNATURE_MISMATCH"; detail: string }
  /** The bytes are as signed, but by a certificate no trusted CA vouches for. */
  | { ok: false; reason: "CERT_UNTRUSTED"; detail: string; signerName: string };

/** "Dec  2 13:58:51 2026 GMT", as `openssl cms -cmsout -print` shows a signingTime. */
function readSigningTime(printed: string): Date | null {
  const match = /signingTime[\s\S]*?(?:UTCTIME|GENERALIZEDTIME):([A-Z][a-z]{2}\s+\d+\s+[\d:]+\s+\d{4}\s+GMT)/.exec(printed);
  const time = match ? new Date(match[1]!.replace(/\s+/g, " ")) : null;
  return time && !Number.isNaN(time.getTime()) ? time : null;
}

/**
 * Checks a detached CMS signature over `content` in two steps, so a failure says which: first the
 * signature against the bytes alone, then the signer's certificate against the trusted CAs, at
 * the time the signature says it was made (a certificate that expired later still vouches for it).
 */
export async function verifyDetached(content: Uint8Array, signature: Uint8Array, { caFile, opensslPath }: { caFile: string; opensslPath: string }): Promise<TSignatureCheck> {
  return inTempDir(async (dir) => {
    const [contentPath, signaturePath, signerPath] = ["content", "signature.p7s", "signer.pem"].map((name) => join(dir, name)) as [string, string, string];
    await writeFile(contentPath, content);
    await writeFile(signaturePath, signature);
    const base = ["cms", "-verify", "-binary", "-inform", "DER", "-in", signaturePath, "-content", contentPath, "-purpose", "any", "-out", "/dev/null"];
    const integrity = await runOpenssl(opensslPath, [...base, "-noverify", "-signer", signerPath]);
    if (integrity.code !== 0) return { ok: false, reason: "SIGNATURE_MISMATCH", detail: opensslReason(integrity.stderr) };
    const signerName = certificateName(new X509Certificate(await readFile(signerPath)));
    const printed = await runOpenssl(opensslPath, ["cms", "-cmsout", "-print", "-inform", "DER", "-in", signaturePath]);
    const signedAt = readSigningTime(printed.stdout.toString("utf8"));
    const atTime = signedAt ? ["-attime", String(Math.floor(signedAt.getTime() / 1000))] : [];
    const trust = await runOpenssl(opensslPath, [...base, "-CAfile", caFile, ...atTime]);
    if (trust.code !== 0) return { ok: false, reason: "CERT_UNTRUSTED", detail: opensslReason(trust.stderr), signerName };
    return { ok: true, signerName, signedAt };
  });
}
