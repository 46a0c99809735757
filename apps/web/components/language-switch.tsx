import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/lib/i18n/set-locale";
import { LOCALES } from "@/lib/i18n/locales";

export async function LanguageSwitch() {
  const [t, current] = await Promise.all([getTranslations("language"), getLocale()]);
  return (
    <form action={setLocale} className="language-switch" aria-label={t("label")}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          title={t(locale)}
          className="language-switch__option"
        >
          {locale.toUpperCase()}
        </button>
      ))}
    </form>
  );
}
