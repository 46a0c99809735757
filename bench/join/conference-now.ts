import type { Page } from "playwright-core";

/** "yyyy-MM-ddTHH:mm" in Asia/Ho_Chi_Minh (UTC+7 all year), as the conference form posts it. */
function wallClock(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

/**
 * Schedules, through the app's API, a conference hosted by the signed-in staff member that starts
 * at the next minute, so its lobby is open to the joiners at once (meetings only open around their
 * time). Returns the room's path.
 */
export async function scheduleConferenceNow(
  staff: Page,
  baseUrl: string,
  title: string,
  /** onlyBridgePoint: book only the n-th bridge point (conferences at the same time need different ones). */
  options: { record?: boolean; onlyBridgePoint?: number } = {},
): Promise<string> {
  const session = (await (await staff.request.get(`${baseUrl}/api/auth/session`)).json()) as { user?: { id: string } };
  if (!session.user?.id) throw new Error("the staff page is not signed in");
  let bridgePointIds: string[] = [];
  if (options.onlyBridgePoint !== undefined) {
    const list = (await (await staff.request.get(`${baseUrl}/api/bridge-points`)).json()) as { bridgePoints: { id: string }[] };
    const bridgePoint = list.bridgePoints[options.onlyBridgePoint % list.bridgePoints.length];
    if (!bridgePoint) throw new Error("the seed has no bridge point");
    bridgePointIds = [bridgePoint.id];
  }
  const startsAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  const response = await staff.request.post(`${baseUrl}/api/events`, {
    // State-changing routes answer only requests from the site's own pages (apps/web/proxy.ts).
    headers: { origin: new URL(baseUrl).origin },
    data: {
      title,
      startsAt: wallClock(startsAt),
      endsAt: wallClock(new Date(startsAt.getTime() + 60 * 60_000)),
      hostId: session.user.id,
      allBridgePoints: options.onlyBridgePoint === undefined,
      bridgePointIds,
      record: options.record ?? false,
    },
  });
  if (response.status() !== 201) throw new Error(`could not schedule the conference: ${response.status()} ${await response.text()}`);
  return `/phong/${((await response.json()) as { id: string }).id}`;
}
