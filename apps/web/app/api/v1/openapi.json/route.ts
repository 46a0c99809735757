import { headers } from "next/headers";
import { NextResponse } from "next/server";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";
import { buildOpenApiDocument } from "@/lib/statistics/openapi-document";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of the statistics API; public, so the IOC can read it before it has a token. */
export async function GET(): Promise<Response> {
  return NextResponse.json(buildOpenApiDocument(publicBaseUrl(await headers())));
}
