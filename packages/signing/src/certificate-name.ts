import { X509Certificate } from "node:crypto";

/** Who a certificate names: its CN (the department, a cadre), else its organization, else the whole subject. */
export function certificateName(certificate: X509Certificate): string {
  const fields = new Map(certificate.subject.split("\n").map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
  return fields.get("CN") ?? fields.get("O") ?? certificate.subject.replace(/\n/g, ", ");
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM text, in order. */
export function pemCertificates(pem: string): X509Certificate[] {
  return (pem.match(PEM_CERTIFICATE) ?? []).map((block) => new X509Certificate(block));
}
