import { withRole } from "@/lib/auth/with-role";
import { toApiResponse } from "@/lib/api/to-api-response";
import { lookupDocument } from "@/lib/documents/lookup-document";

export const dynamic = "force-dynamic";

/** GET ?so=<number and notation>: the document's fields from the department's document system. */
export const GET = withRole(["ADMIN", "STAFF", "TEACHER"], async (req) =>
  toApiResponse(async () => ({ document: await lookupDocument(req.nextUrl.searchParams.get("so")) })),
);
