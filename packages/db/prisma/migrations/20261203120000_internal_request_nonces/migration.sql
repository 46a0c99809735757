-- Internal requests carry a nonce: web claims each one once, across all its processes.
CREATE TABLE "InternalRequestNonce" (
    "nonce" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InternalRequestNonce_pkey" PRIMARY KEY ("nonce")
);

CREATE INDEX "InternalRequestNonce_expiresAt_idx" ON "InternalRequestNonce"("expiresAt");
