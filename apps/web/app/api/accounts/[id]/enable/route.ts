import { prisma } from "@diemcau/db";
import { ACCOUNT_MANAGER_ROLES } from "@/lib/accounts/account-scope";
import { loadAccountActor } from "@/lib/accounts/load-account-actor";
import { setAccountDisabled } from "@/lib/accounts/set-account-disabled";
import { toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Enables a disabled account again. */
export const POST = withRole<TContext>(ACCOUNT_MANAGER_ROLES, async (_req, { params, user }) =>
  toApiResponse(async () => setAccountDisabled(prisma, await loadAccountActor(prisma, user), (await params).id, false)),
);
