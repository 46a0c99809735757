-- Month roll-ups for the statistics of long periods (issue 13's benchmark: a school year by
-- district within 200 ms): one row per event and whole past month instead of its sessions, and
-- one per material and month instead of its viewers' days. Both are filled by the statistics the
-- first time they read a month, and forgotten by the triggers below when their rows change.

CREATE TABLE "EventMonthFigures" (
    "eventId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "eventUpdatedAt" TIMESTAMP(3) NOT NULL,
    "sessions" INTEGER NOT NULL,
    "scheduledSeconds" DOUBLE PRECISION NOT NULL,
    "participants" INTEGER NOT NULL,
    "personSeconds" DOUBLE PRECISION NOT NULL,
    "firstStartsAt" TIMESTAMP(3) NOT NULL,
    "lastEndsAt" TIMESTAMP(3) NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventMonthFigures_pkey" PRIMARY KEY ("eventId","month")
);

CREATE TABLE "MaterialMonthViews" (
    "materialId" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "views" INTEGER NOT NULL,
    "watchedSeconds" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MaterialMonthViews_pkey" PRIMARY KEY ("materialId","month")
);

CREATE TABLE "ViewMonthRollup" (
    "month" DATE NOT NULL,
    "rolledUpAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ViewMonthRollup_pkey" PRIMARY KEY ("month")
);

CREATE INDEX "MaterialMonthViews_month_idx" ON "MaterialMonthViews"("month");

ALTER TABLE "EventMonthFigures" ADD CONSTRAINT "EventMonthFigures_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MaterialMonthViews" ADD CONSTRAINT "MaterialMonthViews_materialId_fkey" FOREIGN KEY ("materialId") REFERENCES "Material"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An attendance row written or deleted (a join, its leave, a correction) may change the figures
-- of the session it was opened for (from 30 minutes, EARLY_JOIN_MINUTES of summarize-attendance.ts,
-- before its start to its end), and so of that session's month: both are counted again next time.
CREATE OR REPLACE FUNCTION diemcau_forget_session_figures() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  changed "Attendance";
BEGIN
  FOREACH changed IN ARRAY (CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW] WHEN 'DELETE' THEN ARRAY[OLD] ELSE ARRAY[OLD, NEW] END) LOOP
    DELETE FROM "SessionFigures" f
    WHERE f."eventId" = changed."eventId" AND changed."joinedAt" >= f."startsAt" - interval '30 minutes' AND changed."joinedAt" < f."endsAt";
    DELETE FROM "EventMonthFigures" m
    WHERE m."eventId" = changed."eventId" AND changed."joinedAt" >= m."firstStartsAt" - interval '30 minutes' AND changed."joinedAt" < m."lastEndsAt";
  END LOOP;
  RETURN NULL;
END;
$$;

DROP TRIGGER "Attendance_forget_session_figures" ON "Attendance";
CREATE TRIGGER "Attendance_forget_session_figures" AFTER INSERT OR UPDATE OR DELETE ON "Attendance"
  FOR EACH ROW EXECUTE FUNCTION diemcau_forget_session_figures();

-- A view of a rolled-up month written or deleted: the month is rolled up again next time. The
-- player's heartbeats write today's row, so this is rare (a correction, a material deleted).
CREATE FUNCTION diemcau_forget_view_month() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
  changed "MaterialView";
BEGIN
  FOREACH changed IN ARRAY (CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW] WHEN 'DELETE' THEN ARRAY[OLD] ELSE ARRAY[OLD, NEW] END) LOOP
    DELETE FROM "ViewMonthRollup" r WHERE r."month" = date_trunc('month', changed."day")::date;
  END LOOP;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "MaterialView_forget_view_month" AFTER INSERT OR UPDATE OR DELETE ON "MaterialView"
  FOR EACH ROW EXECUTE FUNCTION diemcau_forget_view_month();
