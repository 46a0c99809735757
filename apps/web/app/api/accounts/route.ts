import { prisma } from "@diemcau/db";
import { headers } from "next/headers";
import { ACCOUNT_MANAGER_ROLES } from "@/lib/accounts/account-scope";
import { createAccount } from "@/lib/accounts/create-account";
import { loadAccountActor } from "@/lib/accounts/load-account-actor";
import { resetLinkUrl } from "@/lib/accounts/reset-link-url";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";

export const dynamic = "force-dynamic";

/** Creates an account; answers the one-time link to hand over when it sets its own password. */
export const POST = withRole(ACCOUNT_MANAGER_ROLES, async (req, { user }) =>
  toApiResponse(async () => {
    const created = await createAccount(prisma, await loadAccountActor(prisma, user), await readJson(req));
    const link = created.link && { url: resetLinkUrl(publicBaseUrl(await headers()), created.link.token), expiresAt: created.link.expiresAt };
    return { id: created.id, email: created.email, link };
  }, 201),
);
