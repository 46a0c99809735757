-- A course's events, found by index: who may see a course's recordings (search and the library
-- check it for every teacher's and student's query) and a course's own schedule.
CREATE INDEX "Event_courseId_idx" ON "Event"("courseId");
