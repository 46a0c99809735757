-- News portal links (issue 10): articles this suite publishes (with an idempotency key, so a
-- retried job never makes a second article) and related articles found in the portal's feed.

-- CreateEnum
CREATE TYPE "NewsLinkKind" AS ENUM ('PUBLISHED', 'RELATED');

-- CreateEnum
CREATE TYPE "NewsLinkStatus" AS ENUM ('PENDING', 'PUBLISHED', 'FAILED');

-- AlterTable: rows written before this migration were links to existing articles.
ALTER TABLE "NewsLink" ALTER COLUMN "url" DROP NOT NULL;
ALTER TABLE "NewsLink" ADD COLUMN "kind" "NewsLinkKind" NOT NULL DEFAULT 'RELATED';
ALTER TABLE "NewsLink" ADD COLUMN "status" "NewsLinkStatus" NOT NULL DEFAULT 'PUBLISHED';
ALTER TABLE "NewsLink" ADD COLUMN "idempotencyKey" TEXT;
ALTER TABLE "NewsLink" ADD COLUMN "remoteId" TEXT;
ALTER TABLE "NewsLink" ADD COLUMN "errorCode" TEXT;
ALTER TABLE "NewsLink" ADD COLUMN "error" TEXT;
ALTER TABLE "NewsLink" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "NewsLink" ADD COLUMN "requestedById" TEXT;
ALTER TABLE "NewsLink" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- Prisma sets updatedAt itself (@updatedAt), and the default only filled the existing rows.
ALTER TABLE "NewsLink" ALTER COLUMN "updatedAt" DROP DEFAULT;

-- A material links an article once (several links still pending have no URL yet).
DELETE FROM "NewsLink" a USING "NewsLink" b
 WHERE a."materialId" = b."materialId" AND a."url" = b."url" AND a."createdAt" > b."createdAt";

-- CreateIndex
CREATE UNIQUE INDEX "NewsLink_idempotencyKey_key" ON "NewsLink"("idempotencyKey");
CREATE UNIQUE INDEX "NewsLink_materialId_url_key" ON "NewsLink"("materialId", "url");
CREATE INDEX "NewsLink_materialId_kind_idx" ON "NewsLink"("materialId", "kind");

-- AddForeignKey
ALTER TABLE "NewsLink" ADD CONSTRAINT "NewsLink_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- When a material was published: the news feed lists the newest first. Materials published
-- before this migration take their last change as the best time known.
ALTER TABLE "Material" ADD COLUMN "publishedAt" TIMESTAMP(3);
UPDATE "Material" SET "publishedAt" = "updatedAt" WHERE "published";
CREATE INDEX "Material_published_visibility_publishedAt_idx" ON "Material"("published", "visibility", "publishedAt");

-- One article published per material, however many staff ask at once (a partial index, which
-- the Prisma schema cannot state).
CREATE UNIQUE INDEX "NewsLink_materialId_published_key" ON "NewsLink"("materialId") WHERE "kind" = 'PUBLISHED';
