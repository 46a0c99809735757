import { prisma } from "@diemcau/db";
import { withRole } from "@/lib/auth/with-role";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { linkDocument } from "@/lib/documents/link-document";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Links a document ({ source, document }) to the material. */
export const POST = withRole<TContext>(["ADMIN", "STAFF", "TEACHER"], async (req, { params, user }) =>
  toApiResponse(async () => linkDocument(prisma, { materialId: (await params).id }, user, await readJson(req)), 201),
);
