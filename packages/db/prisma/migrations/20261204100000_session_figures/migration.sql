-- CreateTable
CREATE TABLE "SessionFigures" (
    "eventId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "participants" INTEGER NOT NULL,
    "personSeconds" DOUBLE PRECISION NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionFigures_pkey" PRIMARY KEY ("eventId","startsAt","endsAt")
);

-- CreateIndex
CREATE INDEX "Attendance_eventId_joinedAt_idx" ON "Attendance"("eventId", "joinedAt");

-- AddForeignKey
ALTER TABLE "SessionFigures" ADD CONSTRAINT "SessionFigures_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A written attendance row (a join, or its leave) may change the figures of the session it was
-- opened for (from 30 minutes, EARLY_JOIN_MINUTES of summarize-attendance.ts, before its start to
-- its end): they are counted again next time.
CREATE FUNCTION diemcau_forget_session_figures() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
  DELETE FROM "SessionFigures" f
  WHERE f."eventId" = NEW."eventId" AND NEW."joinedAt" >= f."startsAt" - interval '30 minutes' AND NEW."joinedAt" < f."endsAt";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Attendance_forget_session_figures" AFTER INSERT OR UPDATE ON "Attendance"
  FOR EACH ROW EXECUTE FUNCTION diemcau_forget_session_figures();
