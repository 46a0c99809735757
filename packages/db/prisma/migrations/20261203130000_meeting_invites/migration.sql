-- Invite links become rows the host can revoke, with the guests each admitted and the removals bound to them.
CREATE TABLE "MeetingInvite" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "closedToNewcomersAt" TIMESTAMP(3),

    CONSTRAINT "MeetingInvite_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "MeetingInviteAdmission" (
    "inviteId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingInviteAdmission_pkey" PRIMARY KEY ("inviteId","userId")
);

CREATE TABLE "MeetingRemoval" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "inviteId" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingRemoval_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "MeetingInvite_eventId_idx" ON "MeetingInvite"("eventId");
CREATE UNIQUE INDEX "MeetingRemoval_eventId_userId_key" ON "MeetingRemoval"("eventId", "userId");

ALTER TABLE "MeetingInvite" ADD CONSTRAINT "MeetingInvite_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MeetingInviteAdmission" ADD CONSTRAINT "MeetingInviteAdmission_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "MeetingInvite"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MeetingRemoval" ADD CONSTRAINT "MeetingRemoval_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
