import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runOpenssl } from "../openssl";

/** Files of a throwaway PKI made by real openssl for one test run: never a real department's. */
export type TTestPki = {
  dir: string;
  /** The CA the suite trusts (SIGNING_CA_FILE). */
  caFile: string;
  /** The department's certificate (issued by that CA) and key, as PEM and as PKCS#12 (password "p12-secret"). */
  certFile: string;
  keyFile: string;
  pkcs12File: string;
  pkcs12Password: string;
  /** A certificate of the same name from another CA: a wrong certificate. */
  rogueCertFile: string;
  rogueKeyFile: string;
  remove(): Promise<void>;
};

const DEPARTMENT_SUBJECT = "/C=VN/O=Sở Giáo dục và Đào tạo Quảng Trị (thử nghiệm)/CN=Sở GD&ĐT Quảng Trị (chứng thư thử nghiệm)";

async function openssl(args: string[], cwd: string): Promise<void> {
  const result = await runOpenssl("openssl", args.map((arg) => (arg.startsWith("@") ? join(cwd, arg.slice(1)) : arg)));
  if (result.code !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
}

async function makeCa(dir: string, name: string, subject: string): Promise<void> {
  await openssl(
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `@${name}.key`, "-out", `@${name}.pem`, "-days", "30", "-utf8", "-subj", subject,
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
    dir,
  );
}

async function issue(dir: string, ca: string, name: string): Promise<void> {
  await openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", `@${name}.key`, "-out", `@${name}.csr`, "-utf8", "-subj", DEPARTMENT_SUBJECT], dir);
  await writeFile(join(dir, `${name}.ext`), "keyUsage=critical,digitalSignature,nonRepudiation\n");
  await openssl(
    ["x509", "-req", "-in", `@${name}.csr`, "-CA", `@${ca}.pem`, "-CAkey", `@${ca}.key`, "-CAcreateserial", "-out", `@${name}.pem`, "-days", "30", "-extfile", `@${name}.ext`],
    dir,
  );
}

/** A CA, a department certificate it issued (PEM and PKCS#12) and a rogue one from another CA, in `dir` (default: a new temporary folder). */
export async function makeTestPki(dir?: string): Promise<TTestPki> {
  dir ??= await mkdtemp(join(tmpdir(), "diemcau-pki-"));
  await makeCa(dir, "ca", "/C=VN/O=CA thử nghiệm/CN=CA thử nghiệm của bộ kiểm thử");
  await makeCa(dir, "rogue-ca", "/C=VN/O=CA lạ/CN=CA không được tin cậy");
  await issue(dir, "ca", "department");
  await issue(dir, "rogue-ca", "rogue");
  const pkcs12Password = "p12-secret";
  await openssl(["pkcs12", "-export", "-in", "@department.pem", "-inkey", "@department.key", "-out", "@department.p12", "-passout", `pass:${pkcs12Password}`], dir);
  return {
    dir,
    caFile: join(dir, "ca.pem"),
    certFile: join(dir, "department.pem"),
    keyFile: join(dir, "department.key"),
    pkcs12File: join(dir, "department.p12"),
    pkcs12Password,
    rogueCertFile: join(dir, "rogue.pem"),
    rogueKeyFile: join(dir, "rogue.key"),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
