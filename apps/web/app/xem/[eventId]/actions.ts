"use server";

import { prisma } from "@diemcau/db";
import { forbidden, notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/require-user";
import { AppError } from "@/lib/errors/app-error";
import { revokeLiveWatch } from "@/lib/recordings/revoke-live-watch";

/** The host revokes every live-watch link of the event; the page then hands the host a new one. */
export async function revokeLiveWatchLinks(eventId: string): Promise<void> {
  const user = await requireUser();
  try {
    await revokeLiveWatch(prisma, eventId, user);
  } catch (error) {
    // Someone else's event is refused as the pages refuse it (403, 404), not as a server error.
    if (error instanceof AppError && error.status === 403) forbidden();
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  redirect(`/xem/${encodeURIComponent(eventId)}?thu-hoi=1`);
}
