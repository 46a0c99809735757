import { publicUrls } from "@diemcau/connectors/news";
import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/require-user";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";
import { formatDate } from "@/lib/format/date";
import { listMaterialFacets, listMaterials } from "@/lib/materials/list-materials";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tFeed, base] = await Promise.all([getTranslations("materials"), getTranslations("news.feed"), headers().then(publicBaseUrl)]);
  // Feed discovery: readers and the portal find the Atom feed of new public materials here.
  return { title: t("title"), alternates: { types: { "application/atom+xml": [{ url: publicUrls.feed(base), title: tFeed("title") }] } } };
}

type TProps = { searchParams: Promise<{ mon?: string; lop?: string }> };

/** Materials the viewer may watch; filtered by subject (?mon=) and grade (?lop=). Search comes later. */
export default async function MaterialsPage({ searchParams }: TProps) {
  const { mon, lop } = await searchParams;
  const user = await getCurrentUser();
  const grade = lop && /^\d{1,2}$/.test(lop) ? Number(lop) : undefined;
  const [t, materials, facets] = await Promise.all([
    getTranslations("materials"),
    listMaterials(prisma, user, { subject: mon || undefined, grade }),
    listMaterialFacets(prisma, user),
  ]);
  const canUpload = user?.role === "TEACHER" || user?.role === "STAFF" || user?.role === "ADMIN";
  return (
    <>
      <h1>{t("title")}</h1>
      {canUpload ? (
        <p>
          <Link className="button" href="/hoc-lieu/tai-len">
            {t("upload.link")}
          </Link>
        </p>
      ) : null}
      <form className="inline-form" method="get">
        <label className="field">
          {t("fields.subject")}
          <select name="mon" defaultValue={mon ?? ""}>
            <option value="">{t("all")}</option>
            {facets.subjects.map((subject) => (
              <option key={subject} value={subject}>
                {subject}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t("fields.grade")}
          <select name="lop" defaultValue={grade ? String(grade) : ""}>
            <option value="">{t("all")}</option>
            {facets.grades.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <button className="button button--small" type="submit">
          {t("filter")}
        </button>
      </form>
      {materials.length === 0 ? (
        <p className="empty">{t("none")}</p>
      ) : (
        <ul className="cards">
          {materials.map((m) => (
            <li key={m.id} className="card">
              <h2 className="card__title">
                <Link href={`/hoc-lieu/${m.id}`}>{m.title}</Link>
              </h2>
              <p className="muted">
                {[m.subject, m.grade ? t("gradeN", { grade: m.grade }) : null, formatDate(m.createdAt)].filter(Boolean).join(" · ")}
              </p>
              <p className="muted">
                {t(`visibility.${m.visibility}`)}
                {m.published ? "" : ` — ${t("unpublished")}`}
                {m.recording && m.recording.status !== "READY" ? ` — ${t(`status.${m.recording.status}`)}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
