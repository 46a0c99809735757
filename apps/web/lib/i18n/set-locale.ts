"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, resolveLocale } from "./locales";

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** Form action of the VI/EN switch; works without JavaScript. */
export async function setLocale(formData: FormData): Promise<void> {
  const locale = resolveLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: ONE_YEAR_S, sameSite: "lax" });
}
