-- One reminder e-mail per person and occurrence of an event: the primary key is what keeps a
-- second sweep or a second worker from queueing it again.
CREATE TABLE "EventReminder" (
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EventReminder_pkey" PRIMARY KEY ("eventId","startsAt","userId")
);

CREATE INDEX "EventReminder_userId_idx" ON "EventReminder"("userId");

ALTER TABLE "EventReminder" ADD CONSTRAINT "EventReminder_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "EventReminder" ADD CONSTRAINT "EventReminder_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
