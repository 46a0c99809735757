-- Who signed a material's manifest and when (the manifest and its CMS signature live in storage).
CREATE TABLE "MaterialSignature" (
    "materialId" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "fileCount" INTEGER NOT NULL,
    CONSTRAINT "MaterialSignature_pkey" PRIMARY KEY ("materialId")
);

ALTER TABLE "MaterialSignature" ADD CONSTRAINT "MaterialSignature_materialId_fkey" FOREIGN KEY ("materialId") REFERENCES "Material"("id") ON DELETE CASCADE ON UPDATE CASCADE;
