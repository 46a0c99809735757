-- Transcript lines come from uploaded captions, the speech engine (ASR) or slides read by OCR.
ALTER TYPE "TranscriptSource" RENAME VALUE 'ENGINE' TO 'ASR';
ALTER TYPE "TranscriptSource" ADD VALUE 'SLIDE';

-- CreateEnum
CREATE TYPE "TranscriptionStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "TranscriptSegment" ADD COLUMN "editedAt" TIMESTAMP(3);
ALTER TABLE "Material" ADD COLUMN "isDemo" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "timelineVersion" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "transcriptionStatus" "TranscriptionStatus",
  ADD COLUMN "transcriptionProgress" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "transcriptionError" TEXT;
