export const LOCALES = ["vi", "en"] as const;
export type TLocale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: TLocale = "vi";
/** next-intl's conventional cookie name; no locale prefix in URLs, so the cookie is the only source. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function resolveLocale(value: string | undefined): TLocale {
  return LOCALES.includes(value as TLocale) ? (value as TLocale) : DEFAULT_LOCALE;
}
