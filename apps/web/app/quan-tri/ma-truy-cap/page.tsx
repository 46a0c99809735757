import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireRole } from "@/lib/auth/require-user";
import { formatDateTime } from "@diemcau/calendar/display-date";
import { SERVICE_TOKEN_SCOPES } from "@/lib/service-tokens/service-token-scopes";
import { listServiceTokens } from "@/lib/service-tokens/service-tokens";
import { RevokeTokenButton, ServiceTokenForm } from "./service-token-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("serviceTokens"))("title") };
}

/** Administrators make, scope and revoke the read-only tokens of the statistics API (the IOC). */
export default async function ServiceTokensPage() {
  await requireRole("ADMIN");
  const [t, tokens, districts] = await Promise.all([
    getTranslations("serviceTokens"),
    listServiceTokens(prisma),
    prisma.district.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <p>
        <a href="/api/v1/openapi.json">{t("openapi")}</a>
      </p>
      <section className="card card--wide" aria-labelledby="new-token-title">
        <h2 id="new-token-title">{t("new")}</h2>
        <ServiceTokenForm districts={districts} scopes={[...SERVICE_TOKEN_SCOPES]} />
      </section>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t("list")}</h2>
        {tokens.length === 0 ? (
          <p className="empty">{t("none")}</p>
        ) : (
          <div className="table-wrap">
          <table data-testid="service-tokens">
            <thead>
              <tr>
                <th scope="col">{t("fields.name")}</th>
                <th scope="col">{t("fields.scopes")}</th>
                <th scope="col">{t("fields.district")}</th>
                <th scope="col">{t("createdAt")}</th>
                <th scope="col">{t("lastUsedAt")}</th>
                <th scope="col">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} data-token-name={token.name}>
                  <td>{token.name}</td>
                  <td>{token.scopes.map((scope) => (t.has(`scopes.${scope}`) ? t(`scopes.${scope}`) : scope)).join(", ")}</td>
                  <td>{token.district?.name ?? t("allDistricts")}</td>
                  <td>
                    {formatDateTime(token.createdAt)}
                    {token.createdBy ? ` · ${token.createdBy.name}` : ""}
                  </td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t("neverUsed")}</td>
                  <td>{token.revokedAt ? t("revokedAt", { at: formatDateTime(token.revokedAt) }) : <RevokeTokenButton id={token.id} name={token.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>
    </>
  );
}
