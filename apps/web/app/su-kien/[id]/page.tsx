import { prisma } from "@diemcau/db";
import type { Metadata } from "next";
import { Link } from "@/components/link";
import { forbidden, notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AutoRefresh } from "@/app/lich/auto-refresh";
import { DocumentsSection } from "@/components/documents/documents-section";
import { requireUser } from "@/lib/auth/require-user";
import { canLinkEventDocuments } from "@/lib/documents/document-target";
import { listEventDocuments } from "@/lib/documents/list-document-links";
import { formatDate, formatDateTime, formatTime } from "@diemcau/calendar/display-date";
import { canViewEvent, getEventDetail } from "@/lib/schedule/get-event-detail";
import { describeJoinWindow, getJoinWindow } from "@/lib/schedule/join-window";
import { currentOrNextOccurrence, expandOccurrences, parseRecurrence } from "@diemcau/calendar/recurrence";
import { fromWallDate, localDateKey, parseWallDate } from "@diemcau/calendar/time-zone";
import { LessonSeriesForm } from "@/app/lop-hoc/[id]/lesson-series-form";
import { canManageEvent } from "@/lib/schedule/can-manage-event";
import { localTimeKey } from "@diemcau/calendar/time-zone";
import { CancelEventButton } from "../cancel-event-button";
import { LessonControls } from "../lesson-controls";
import styles from "../event.module.css";

export const dynamic = "force-dynamic";

type TParams = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: TParams }): Promise<Metadata> {
  const event = await getEventDetail(prisma, (await params).id);
  return { title: event?.title ?? (await getTranslations("notFound"))("title") };
}

function timeRange(startsAt: Date, endsAt: Date): string {
  return localDateKey(startsAt) === localDateKey(endsAt)
    ? `${formatDateTime(startsAt)} – ${formatTime(endsAt)}`
    : `${formatDateTime(startsAt)} – ${formatDateTime(endsAt)}`;
}

export default async function EventPage({ params }: { params: TParams }) {
  const user = await requireUser();
  const event = await getEventDetail(prisma, (await params).id);
  if (!event) notFound();
  if (!(await canViewEvent(prisma, user, event))) forbidden();

  const [t, te, ts, locale, documents] = await Promise.all([
    getTranslations("eventPage"),
    getTranslations("events"),
    getTranslations("schedule"),
    getLocale(),
    listEventDocuments(prisma, event.id),
  ]);
  const canLinkDocuments = canLinkEventDocuments(user, event);
  const now = new Date();
  const occurrence = currentOrNextOccurrence(event, now);
  const window = getJoinWindow({ status: event.status, occurrence }, now);
  const recurrence = event.rrule ? parseRecurrence(event.rrule, event.timeZone) : null;
  const nextLessons = event.rrule ? expandOccurrences(event, now, new Date(now.getTime() + 120 * 86_400_000)).slice(0, 6) : [];
  const isStaff = user.role === "ADMIN" || user.role === "STAFF";
  const canManage = canManageEvent(event, user);
  const live = event.status !== "CANCELLED" && window.state !== "ended";
  const tl = await getTranslations("lessonChanges");
  const tc = await getTranslations("classes");
  const shown = occurrence ?? event;

  return (
    <>
      <p>
        <Link href="/lich">{t("backToSchedule")}</Link>
      </p>
      <h1>{event.title}</h1>
      <section className={styles.join} aria-label={t("join")} data-testid="join-panel" data-state={window.state}>
        {window.canEnter ? (
          <Link href={`/phong/${event.id}`} className={`button ${styles.joinButton}`}>
            {t("join")}
          </Link>
        ) : (
          <span role="link" aria-disabled="true" className={`button ${styles.joinButton}`}>
            {t("join")}
          </span>
        )}
        <p data-testid="join-reason">{describeJoinWindow(window, locale === "en" ? "en" : "vi")}</p>
      </section>
      {live && canManage && (
        <div className={styles.tools}>
          {isStaff && event.kind === "CONFERENCE" && (
            <Link className="button" href={`/su-kien/${event.id}/sua`}>
              {t("edit")}
            </Link>
          )}
          <CancelEventButton eventId={event.id} label={t("cancel")} confirmText={t("cancelConfirm")} pendingLabel={t("cancelling")} />
        </div>
      )}
      <dl className={styles.facts}>
        <dt>{t("kind")}</dt>
        <dd>{te(`kind.${event.kind}`)}</dd>
        <dt>{t("status")}</dt>
        <dd>
          <span className={`status status--${event.status.toLowerCase()}`}>{te(`statusValue.${event.status}`)}</span>
        </dd>
        <dt>{recurrence ? t("occurrence") : t("time")}</dt>
        <dd>{timeRange(shown.startsAt, shown.endsAt)}</dd>
        {recurrence && (
          <>
            <dt>{ts("recurring")}</dt>
            <dd>
              {t("recurrence", { days: recurrence.weekdays.map((d) => ts(`weekday.${d}`)).join(", ") })}
              {recurrence.untilWall && `, ${t("until", { date: formatDate(fromWallDate(recurrence.untilWall, event.timeZone)) })}`}
              {recurrence.exceptionDates.size > 0 &&
                `. ${t("exceptions", {
                  dates: [...recurrence.exceptionDates].map((d) => formatDate(parseWallDate(d, "12:00")!)).join(", "),
                })}`}
            </dd>
          </>
        )}
        <dt>{t("host")}</dt>
        <dd>{event.host.name}</dd>
        {event.course && (
          <>
            <dt>{t("course")}</dt>
            <dd>{event.course.name}</dd>
          </>
        )}
        <dt>{t("record")}</dt>
        <dd>{event.record ? t("recordYes") : t("recordNo")}</dd>
        {event.description && (
          <>
            <dt>{t("description")}</dt>
            <dd>{event.description}</dd>
          </>
        )}
      </dl>
      {(documents.length > 0 || canLinkDocuments) && (
        <DocumentsSection documents={documents} apiUrl={canLinkDocuments ? `/api/events/${event.id}/documents` : undefined} />
      )}
      {nextLessons.length > 0 && event.status !== "CANCELLED" && (
        <section aria-labelledby="next-lessons">
          <h2 id="next-lessons">{t("nextLessons")}</h2>
          <ul data-testid="next-lessons" className={styles.lessons}>
            {nextLessons.map((o) => (
              <li key={(o.originalStartsAt ?? o.startsAt).toISOString()}>
                <span>
                  {timeRange(o.startsAt, o.endsAt)}
                  {o.originalStartsAt && <span className="muted"> {tl("movedFrom", { time: timeRange(o.originalStartsAt, new Date(o.originalStartsAt.getTime() + event.endsAt.getTime() - event.startsAt.getTime())) })}</span>}
                </span>
                {canManage && (
                  <LessonControls
                    eventId={event.id}
                    originalStartsAt={(o.originalStartsAt ?? o.startsAt).toISOString()}
                    current={{ date: localDateKey(o.startsAt, event.timeZone), startTime: localTimeKey(o.startsAt, event.timeZone), durationMinutes: Math.round((o.endsAt.getTime() - o.startsAt.getTime()) / 60_000) }}
                    labels={{
                      cancel: tl("cancel"),
                      cancelConfirm: tl("cancelConfirm"),
                      move: tl("move"),
                      date: tl("date"),
                      startTime: tl("startTime"),
                      duration: tl("duration"),
                      save: tl("save"),
                      saving: tl("saving"),
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {recurrence && live && canManage && (
        <section aria-labelledby="series-from-title">
          <h2 id="series-from-title">{tl("seriesFrom")}</h2>
          <p className="muted">{tl("seriesFromHint")}</p>
          <LessonSeriesForm
            endpoint={`/api/events/${event.id}/series-from`}
            defaultTitle={event.title}
            labels={{
              title: tc("lessonTitle"),
              weekdays: tc("weekdays"),
              weekdayNames: [1, 2, 3, 4, 5, 6, 7].map((d) => ts(`weekday.${d}`)),
              firstDate: tl("fromDate"),
              lastDate: tc("lastDate"),
              startTime: tc("startTime"),
              duration: tc("duration"),
              exceptions: tc("exceptions"),
              exceptionsHint: tc("exceptionsHint"),
              record: tc("record"),
              submit: tl("saveSeries"),
              saving: tc("saving"),
              created: tl("seriesSaved"),
              badExceptionDate: tc.raw("badExceptionDate") as string,
            }}
          />
        </section>
      )}
      {event.kind === "CONFERENCE" && (
        <section aria-labelledby="bridge-points-title">
          <h2 id="bridge-points-title">{t("bridgePoints", { count: event.bridgePoints.length })}</h2>
          {event.bridgePoints.length === 0 ? (
            <p className="empty">{t("noBridgePoints")}</p>
          ) : (
            <ul className={styles.bridgePoints}>
              {event.bridgePoints.map(({ bridgePoint }) => (
                <li key={bridgePoint.id}>{bridgePoint.name}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      {live && <AutoRefresh intervalMs={30_000} />}
    </>
  );
}
