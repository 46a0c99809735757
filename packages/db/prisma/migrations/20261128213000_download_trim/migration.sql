-- AlterTable: the trim window the download MP4 was last cut with (null, null: the whole recording)
ALTER TABLE "Material" ADD COLUMN     "downloadTrimStartSec" DOUBLE PRECISION,
ADD COLUMN     "downloadTrimEndSec" DOUBLE PRECISION;
