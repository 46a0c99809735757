import { prisma } from "@diemcau/db";
import { ACCOUNT_MANAGER_ROLES } from "@/lib/accounts/account-scope";
import { loadAccountActor } from "@/lib/accounts/load-account-actor";
import { updateAccount } from "@/lib/accounts/update-account";
import { readJson, toApiResponse } from "@/lib/api/to-api-response";
import { withRole } from "@/lib/auth/with-role";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ id: string }> };

/** Edits an account (name, email, role, district, school, bridge point, mã định danh). */
export const PATCH = withRole<TContext>(ACCOUNT_MANAGER_ROLES, async (req, { params, user }) =>
  toApiResponse(async () => updateAccount(prisma, await loadAccountActor(prisma, user), (await params).id, await readJson(req))),
);
