import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <section className="notice" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t("title")}</h1>
      <p>{t("body")}</p>
      <p>
        <Link href="/">{t("home")}</Link>
      </p>
    </section>
  );
}
