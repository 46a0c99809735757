import { expect, type Page } from "@playwright/test";
import { fromSite } from "./fixtures";

/** "yyyy-MM-ddTHH:mm" in Asia/Ho_Chi_Minh (UTC+7 all year), as the conference form posts it. */
function wallClock(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

/**
 * Schedules a conference hosted by the signed-in staff member that starts at the next minute (its
 * lobby is open at once), through the app's own API. Meetings are only open around their time, so
 * specs join one of their own rather than the seed's, which start days later.
 */
export async function scheduleConferenceNow(
  staff: Page,
  options: { title: string; allBridgePoints?: boolean; bridgePointIds?: string[]; record?: boolean },
): Promise<{ id: string; path: string; cancel: () => Promise<void> }> {
  const session = (await (await staff.request.get("/api/auth/session")).json()) as { user?: { id: string } };
  expect(session.user?.id, "a signed-in staff member hosts the conference").toBeTruthy();
  const startsAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  const response = await staff.request.post("/api/events", {
    headers: fromSite(staff),
    data: {
      title: options.title,
      startsAt: wallClock(startsAt),
      endsAt: wallClock(new Date(startsAt.getTime() + 60 * 60_000)),
      hostId: session.user!.id,
      allBridgePoints: options.allBridgePoints ?? false,
      bridgePointIds: options.bridgePointIds ?? [],
      // Scheduled with recording: the recorder starts when the host joins.
      record: options.record ?? false,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  return {
    id,
    path: `/phong/${id}`,
    // Frees the bridge points for the next spec's conference.
    cancel: async () => void (await staff.request.post(`/api/events/${id}/cancel`, { headers: fromSite(staff) })),
  };
}
