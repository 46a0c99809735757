import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { Link } from "@/components/link";
import { CHANGE_PASSWORD_PATH, requireUser } from "@/lib/auth/require-user";
import { calendarFeedUrl } from "@/lib/calendar/calendar-token";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";
import { regenerateCalendarFeed } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ lich?: string; "mat-khau"?: string }> }) {
  const sessionUser = await requireUser();
  const [t, tPassword, user, requestHeaders, { lich, "mat-khau": passwordFlash }] = await Promise.all([
    getTranslations("account"),
    getTranslations("password"),
    prisma.user.findUniqueOrThrow({
      where: { id: sessionUser.id },
      select: { name: true, email: true, calendarToken: true, bridgePoint: { select: { name: true } } },
    }),
    headers(),
    searchParams,
  ]);
  const feedUrl = user.calendarToken ? calendarFeedUrl(publicBaseUrl(requestHeaders), user.calendarToken) : null;

  return (
    <>
      <h1>{t("title")}</h1>
      <p>
        {user.name} · <span className="muted">{user.email}</span>
      </p>
      {passwordFlash === "moi" && (
        <p role="status" className="flash" data-testid="password-changed">
          {tPassword("changed")}
        </p>
      )}
      <p>
        <Link href={CHANGE_PASSWORD_PATH} className="button button--ghost">
          {tPassword("link")}
        </Link>
      </p>
      <section aria-labelledby="calendar-title" className="card card--wide">
        <h2 id="calendar-title">{t("calendarTitle")}</h2>
        <p>{t("calendarIntro")}</p>
        {user.bridgePoint && <p>{t("bridgePointCalendar", { name: user.bridgePoint.name })}</p>}
        {lich === "moi" && (
          <p role="status" className="flash">
            {t("regenerated")}
          </p>
        )}
        {feedUrl ? (
          <>
            <label htmlFor="feed-url">{t("feedUrl")}</label>
            <input id="feed-url" className="feed-url" type="text" readOnly value={feedUrl} data-testid="feed-url" />
            <p className="muted">{t("secretWarning")}</p>
          </>
        ) : (
          <p className="empty">{t("none")}</p>
        )}
        <form action={regenerateCalendarFeed}>
          <button type="submit" className="button">
            {feedUrl ? t("regenerate") : t("create")}
          </button>
        </form>
      </section>
    </>
  );
}
