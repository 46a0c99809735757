import type { Db } from "@diemcau/db";
import type { Storage } from "@diemcau/storage";
import { verifyDetached } from "./cms";
import { loadManifestFacts } from "./load-manifest-facts";
import { signatureKeys, type TManifestFile, type TServedFileKind, ZMaterialManifestSchema } from "./material-manifest";
import { hashServedFiles } from "./served-files";

export type TVerificationProblem =
  /** A served file differs from the one signed. */
  | { code: "FILE_CHANGED"; path: string; kind: TServedFileKind }
  /** A signed file is no longer served (deleted, or cut away without a new signature). */
  | { code: "FILE_MISSING"; path: string; kind: TServedFileKind }
  /** A file is served that the signature does not cover. */
  | { code: "FILE_NOT_SIGNED"; path: string; kind: TServedFileKind }
  /** The manifest is not what was signed (or the signature is damaged). */
  | { code: "SIGNATURE_MISMATCH"; detail: string }
  /** Signed by a certificate that no trusted CA vouches for. */
  | { code: "CERT_UNTRUSTED"; detail: string; signerName: string }
  /** No SIGNING_CA_FILE: there is nothing to check the signer against. */
  | { code: "TRUST_NOT_CONFIGURED" };

export type TMaterialVerification =
  | { status: "NOT_FOUND" }
  | { status: "UNSIGNED" }
  | { status: "VALID"; signerName: string; signedAt: Date | null; fileCount: number }
  | { status: "INVALID"; signerName: string | null; signedAt: Date | null; problems: TVerificationProblem[] };

async function readAll(storage: Storage, key: string): Promise<Buffer | null> {
  if (!(await storage.stat(key))) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.getStream(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The differences between the files signed and the files served now, each named by path and kind. */
export function compareFiles(signed: TManifestFile[], served: TManifestFile[]): TVerificationProblem[] {
  const now = new Map(served.map((file) => [file.path, file]));
  const problems: TVerificationProblem[] = [];
  for (const file of signed) {
    const current = now.get(file.path);
    now.delete(file.path);
    if (!current) problems.push({ code: "FILE_MISSING", path: file.path, kind: file.kind });
    else if (current.sha256 !== file.sha256 || current.size !== file.size) problems.push({ code: "FILE_CHANGED", path: file.path, kind: file.kind });
  }
  for (const file of now.values()) problems.push({ code: "FILE_NOT_SIGNED", path: file.path, kind: file.kind });
  return problems;
}

/**
 * Checks a material as it is served now: the detached signature over its stored manifest (with
 * real openssl, against the trusted CAs), then every served file's SHA-256 recomputed against
 * the manifest. Every problem found is listed, so a reader learns which file changed.
 */
export async function verifyMaterial(
  { db, storage, caFile, opensslPath }: { db: Db; storage: Storage; caFile: string | undefined; opensslPath: string },
  materialId: string,
): Promise<TMaterialVerification> {
  const facts = await loadManifestFacts(db, materialId);
  if (!facts) return { status: "NOT_FOUND" };
  const [manifestBytes, signature] = await Promise.all([
    readAll(storage, signatureKeys.manifest(materialId)),
    readAll(storage, signatureKeys.signature(materialId)),
  ]);
  if (!manifestBytes || !signature) return { status: "UNSIGNED" };
  const problems: TVerificationProblem[] = [];
  let signerName: string | null = null;
  let signedAt: Date | null = null;
  if (!caFile) problems.push({ code: "TRUST_NOT_CONFIGURED" });
  else {
    const check = await verifyDetached(manifestBytes, signature, { caFile, opensslPath });
    if (check.ok) ({ signerName, signedAt } = check);
    else if (check.reason === "CERT_UNTRUSTED") {
      signerName = check.signerName;
      problems.push({ code: "CERT_UNTRUSTED", detail: check.detail, signerName: check.signerName });
    } else problems.push({ code: "SIGNATURE_MISMATCH", detail: check.detail });
  }
  const manifest = ZMaterialManifestSchema.safeParse(parseJson(manifestBytes.toString("utf8")));
  if (!manifest.success || manifest.data.materialId !== materialId) {
    return { status: "INVALID", signerName, signedAt, problems: [...problems, { code: "SIGNATURE_MISMATCH", detail: "manifest" }] };
  }
  problems.push(...compareFiles(manifest.data.files, await hashServedFiles(db, storage, facts.served)));
  if (problems.length > 0 || !signerName) return { status: "INVALID", signerName, signedAt, problems };
  return { status: "VALID", signerName, signedAt, fileCount: manifest.data.files.length };
}
