"use server";

import { prisma } from "@diemcau/db";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/require-user";
import { regenerateCalendarToken } from "@/lib/calendar/calendar-token";

/** Creates or replaces the signed-in user's feed token; the old feed URL then answers 404. */
export async function regenerateCalendarFeed(): Promise<void> {
  const user = await requireUser();
  await regenerateCalendarToken(prisma, user.id);
  redirect("/tai-khoan?lich=moi");
}
