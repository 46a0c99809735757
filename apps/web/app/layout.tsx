import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { EMBED_REQUEST_HEADER } from "@/lib/security/frame-policy";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t, requestHeaders] = await Promise.all([getLocale(), getTranslations("app"), headers()]);
  // The embed player (/nhung/<id>) shows in a portal's iframe: no header, menu or footer.
  if (requestHeaders.get(EMBED_REQUEST_HEADER)) {
    return (
      <html lang={locale}>
        <body>
          <NextIntlClientProvider>{children}</NextIntlClientProvider>
        </body>
      </html>
    );
  }
  return (
    <html lang={locale}>
      <body>
        <a href="#noi-dung" className="skip-link">
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider>
          <SiteHeader />
          <main id="noi-dung" tabIndex={-1} className="page">
            {children}
          </main>
          <footer className="site-footer">{t("footer")}</footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
