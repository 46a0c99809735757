-- Finding accounts in /quan-tri/tai-khoan by name, email or student identifier (mã định danh),
-- typed with or without diacritics: PostgreSQL keeps a folded copy (diemcau_fold, from the
-- material search migration) that a trigram index serves for substring matches.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE "User" ADD COLUMN "searchText" TEXT
  GENERATED ALWAYS AS (diemcau_fold("name" || ' ' || "email" || ' ' || coalesce("studentCode", ''))) STORED;

CREATE INDEX "User_searchText_idx" ON "User" USING GIN ("searchText" gin_trgm_ops);

-- The audit log filtered by the account that acted.
CREATE INDEX "AuditLog_actorId_createdAt_idx" ON "AuditLog"("actorId", "createdAt");
