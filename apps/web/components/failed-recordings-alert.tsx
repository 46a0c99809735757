import { prisma } from "@diemcau/db";
import { Link } from "@/components/link";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@diemcau/calendar/display-date";
import { RetryFinalizeButton } from "./retry-finalize-button";
import { findFailedRecordings } from "@/lib/recordings/find-failed-recordings";

/** Staff homes: recordings that failed this week (e.g. disk full), with the reason. Nothing when none. */
export async function FailedRecordingsAlert() {
  const [t, failed] = await Promise.all([getTranslations("materials.alerts"), findFailedRecordings(prisma)]);
  if (failed.length === 0) return null;
  return (
    <section className="notice" role="alert" aria-labelledby="failed-recordings-title" data-testid="failed-recordings">
      <h2 id="failed-recordings-title">{t("title")}</h2>
      <ul>
        {failed.map((recording) => (
          <li key={recording.id} data-code={recording.errorCode ?? undefined}>
            {recording.event ? <Link href={`/su-kien/${recording.event.id}`}>{recording.event.title}</Link> : t("noEvent", { id: recording.id })}
            {recording.endedAt ? ` (${formatDateTime(recording.endedAt)})` : ""} — {recording.error ?? recording.errorCode}
            <RetryFinalizeButton recordingId={recording.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
