"use server";

import { prisma } from "@diemcau/db";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/require-user";
import { revokeLiveWatch } from "@/lib/recordings/revoke-live-watch";

/** The host revokes every live-watch link of the event; the page then hands the host a new one. */
export async function revokeLiveWatchLinks(eventId: string): Promise<void> {
  const user = await requireUser();
  await revokeLiveWatch(prisma, eventId, user);
  redirect(`/xem/${encodeURIComponent(eventId)}?thu-hoi=1`);
}
