import { prisma } from "@diemcau/db";
import type { TVerificationProblem } from "@diemcau/signing";
import type { Metadata } from "next";
import { Link } from "@/components/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser, SIGN_IN_PATH } from "@/lib/auth/require-user";
import { formatDateTime } from "@diemcau/calendar/display-date";
import { loadMaterialAccess } from "@/lib/materials/material-access";
import { verifyServedMaterial } from "@/lib/materials/verify-served-material";

export const dynamic = "force-dynamic";

type TProps = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("materials.verify"))("title") };
}

/** /hoc-lieu/<id>/xac-minh: every served file hashed again and the signature checked, now. */
export default async function VerifyMaterialPage({ params }: TProps) {
  const { id } = await params;
  const user = await getCurrentUser();
  const access = await loadMaterialAccess(prisma, id, user);
  if (!access?.canView) {
    if (!user && access) redirect(`${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(`/hoc-lieu/${id}/xac-minh`)}`);
    notFound();
  }
  const [t, material, result] = await Promise.all([
    getTranslations("materials.verify"),
    prisma.material.findUniqueOrThrow({ where: { id }, select: { title: true } }),
    verifyServedMaterial(prisma, id),
  ]);
  const describe = (problem: TVerificationProblem) => {
    switch (problem.code) {
      case "FILE_CHANGED":
      case "FILE_MISSING":
      case "FILE_NOT_SIGNED":
        return t(`problem.${problem.code}.${problem.kind}`, { path: problem.path });
      case "CERT_UNTRUSTED":
        return t("problem.CERT_UNTRUSTED", { signer: problem.signerName, detail: problem.detail });
      case "SIGNATURE_MISMATCH":
        return t("problem.SIGNATURE_MISMATCH", { detail: problem.detail });
      case "TRUST_NOT_CONFIGURED":
        return t("problem.TRUST_NOT_CONFIGURED");
    }
  };

  return (
    <article>
      <p>
        <Link href={`/hoc-lieu/${id}`}>← {material.title}</Link>
      </p>
      <h1>{t("title")}</h1>
      <div data-testid="verification" data-status={result.status}>
        {result.status === "VALID" ? (
          <p className="flash">
            {t("valid", { count: result.fileCount, signer: result.signerName, time: result.signedAt ? formatDateTime(result.signedAt) : "—" })}
          </p>
        ) : result.status === "INVALID" ? (
          <>
            <p className="form__error">{t("invalid")}</p>
            <ul data-testid="verification-problems">
              {result.problems.map((problem, index) => (
                <li key={index}>{describe(problem)}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">{t("unsigned")}</p>
        )}
      </div>
      {result.status === "VALID" || result.status === "INVALID" ? (
        <section aria-labelledby="self-check-title">
          <h2 id="self-check-title">{t("selfCheck")}</h2>
          <p>{t("selfCheckHint")}</p>
          <p>
            <a className="button button--ghost" href={`/api/materials/${id}/manifest.json`}>
              manifest.json
            </a>{" "}
            <a className="button button--ghost" href={`/api/materials/${id}/manifest.p7s`}>
              manifest.json.p7s
            </a>
          </p>
          <pre className="feed-url">{`openssl cms -verify -binary -inform DER -in ${id}.manifest.json.p7s -content ${id}.manifest.json -CAfile <CA> -purpose any`}</pre>
        </section>
      ) : null}
    </article>
  );
}
