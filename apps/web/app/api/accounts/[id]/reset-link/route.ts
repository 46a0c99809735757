import { prisma } from "@diemcau/db";
import { headers } from "next/headers";
import { ACCOUNT_MANAGER_ROLES } from "@/lib/accounts/account-scope";
import { issueResetLink } from "@/lib/accounts/issue-reset-link";
import { loadAccountActor } from "@/lib/accounts/load-account-actor";
import { resetLinkUrl } from "@/lib/accounts/reset-link-url";
import { toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";
import { publicBaseUrl } from "@/lib/calendar/public-base-url";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** A one-time link (24 hours) for the account to choose a new password, to copy and hand over. */
export const POST = withRole<TContext>(ACCOUNT_MANAGER_ROLES, async (_req, { params, user }) =>
  toApiResponse(async () => {
    const { token, expiresAt } = await issueResetLink(prisma, await loadAccountActor(prisma, user), (await params).id);
    return { url: resetLinkUrl(publicBaseUrl(await headers()), token), expiresAt };
  }),
);
