import { type TScheduleMailJob, ZScheduleMailJobSchema } from "@diemcau/protocol";
import nodemailer, { type Transporter } from "nodemailer";

export type TMailer = { transport: Transporter; from: string };

/** The department's SMTP server, or null when none is configured (schedule e-mails are then skipped). */
export function createMailer({ SMTP_URL, MAIL_FROM }: { SMTP_URL?: string; MAIL_FROM?: string }): TMailer | null {
  if (!SMTP_URL || !MAIL_FROM) return null;
  return { transport: nodemailer.createTransport(SMTP_URL), from: MAIL_FROM };
}

/**
 * Sends one schedule e-mail with its invitation as a text/calendar part (METHOD as in the
 * calendar), which mail and calendar apps offer to add, update or remove, and as an .ics file.
 */
export async function sendScheduleMail(mailer: TMailer, payload: TScheduleMailJob): Promise<string> {
  const { to, subject, text, calendar } = ZScheduleMailJobSchema.parse(payload);
  const info = await mailer.transport.sendMail({
    from: mailer.from,
    to: { name: to.name, address: to.email },
    subject,
    text,
    icalEvent: { method: calendar.method, filename: "lich-hoc.ics", content: calendar.content },
  });
  return info.messageId;
}
