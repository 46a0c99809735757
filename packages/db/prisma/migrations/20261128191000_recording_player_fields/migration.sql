-- CreateEnum
CREATE TYPE "RecordingSource" AS ENUM ('RECORDER', 'UPLOAD');

-- AlterTable
ALTER TABLE "Recording" ALTER COLUMN "storagePath" DROP NOT NULL,
ADD COLUMN     "storagePrefix" TEXT,
ADD COLUMN     "source" "RecordingSource" NOT NULL DEFAULT 'RECORDER',
ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "lastSegmentAt" TIMESTAMP(3),
ADD COLUMN     "segmentCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "finalizedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Material" ADD COLUMN     "posterKey" TEXT,
ADD COLUMN     "hasMp4" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "trimStartSec" DOUBLE PRECISION,
ADD COLUMN     "trimEndSec" DOUBLE PRECISION,
ADD COLUMN     "allowDownload" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "Recording_status_lastSegmentAt_idx" ON "Recording"("status", "lastSegmentAt");
