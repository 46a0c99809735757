-- AlterTable
ALTER TABLE "Attendance" ADD COLUMN     "meetingRole" TEXT,
ADD COLUMN     "peerId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_peerId_key" ON "Attendance"("peerId");
