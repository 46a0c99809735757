import { withRole } from "@/lib/auth/with-role";
import { toApiResponse } from "@/lib/api/to-api-response";
import { readEdxmlUpload } from "@/lib/documents/read-edxml-upload";

export const dynamic = "force-dynamic";

/** Reads an edXML package (the raw body) into a document's fields; nothing is saved until it is linked. */
export const POST = withRole(["ADMIN", "STAFF", "TEACHER"], async (req) => toApiResponse(async () => ({ document: await readEdxmlUpload(req) })));
