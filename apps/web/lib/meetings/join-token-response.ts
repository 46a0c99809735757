import { z } from "zod";

/** What POST /api/meetings/[eventId]/token answers: the token and where to use it (the browser cannot read server env). */
export const ZJoinTokenResponseSchema = z.object({
  token: z.string(),
  mediaServerUrl: z.string(),
  role: z.enum(["HOST", "PRESENTER", "ATTENDEE"]),
  displayName: z.string(),
  expiresInSeconds: z.number(),
});
export type TJoinTokenResponse = z.infer<typeof ZJoinTokenResponseSchema>;
