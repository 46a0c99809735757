import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DISPLAY_TIME_ZONE } from "@diemcau/calendar/display-date";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locales";

export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale,
    timeZone: DISPLAY_TIME_ZONE,
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
