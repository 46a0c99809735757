-- One lesson of a recurring series cancelled or moved (RECURRENCE-ID: its original start).
CREATE TABLE "OccurrenceOverride" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "originalStartsAt" TIMESTAMP(3) NOT NULL,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "OccurrenceOverride_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "OccurrenceOverride_eventId_originalStartsAt_key" ON "OccurrenceOverride"("eventId", "originalStartsAt");
CREATE INDEX "OccurrenceOverride_startsAt_endsAt_idx" ON "OccurrenceOverride"("startsAt", "endsAt");

ALTER TABLE "OccurrenceOverride" ADD CONSTRAINT "OccurrenceOverride_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
