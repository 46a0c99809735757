-- The host can revoke every live-watch link of an event: tokens carry the version they were made with.
ALTER TABLE "Event" ADD COLUMN "liveWatchVersion" INTEGER NOT NULL DEFAULT 0;
