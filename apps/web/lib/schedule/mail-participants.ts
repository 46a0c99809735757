import type { Db } from "@diemcau/db";
import type { TScheduleMailJob } from "@diemcau/protocol";
import { buildInvitation } from "@diemcau/calendar/build-calendar-feed";
import { findFeedEvent } from "@diemcau/calendar/find-feed-events";

/** Queues one schedule e-mail (the worker sends it when SMTP is configured). */
export type TEnqueueMail = (job: TScheduleMailJob) => Promise<unknown>;

export type TScheduleMail = {
  eventId: string;
  userIds: string[];
  method: "REQUEST" | "CANCEL";
  /** About this lesson of a series only (its usual start, the RECURRENCE-ID). */
  onlyOccurrence?: Date;
  subject: string;
  text: string;
};

/**
 * One e-mail per person, each with an invitation naming only that person as ATTENDEE, so no
 * student's address reaches another. Queued after the change is committed; a lost one loses a
 * mail, never the change (the in-app notice and the calendar feed carry it too).
 */
export async function mailParticipants(db: Db, mail: TScheduleMail, { enqueue, baseUrl }: { enqueue: TEnqueueMail; baseUrl: string }): Promise<number> {
  const [event, people] = await Promise.all([
    findFeedEvent(db, mail.eventId),
    db.user.findMany({ where: { id: { in: mail.userIds }, disabledAt: null }, select: { name: true, email: true } }),
  ]);
  if (!event) return 0;
  let queued = 0;
  for (const person of people) {
    const content = buildInvitation(event, { baseUrl, method: mail.method, attendee: person, onlyOccurrence: mail.onlyOccurrence });
    try {
      await enqueue({ to: { name: person.name, email: person.email }, subject: mail.subject, text: mail.text, calendar: { method: mail.method, content } });
      queued += 1;
    } catch (error) {
      console.error(`[web] schedule e-mail to ${person.email} not queued:`, error);
    }
  }
  return queued;
}
