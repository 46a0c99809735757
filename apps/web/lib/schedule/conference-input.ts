import { z } from "zod";

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The conference form as posted (times are wall-clock "yyyy-MM-ddTHH:mm" in Asia/Ho_Chi_Minh). */
export const ZConferenceInputSchema = z.object({
  title: z.string().max(200, "Tiêu đề tối đa 200 ký tự."),
  description: z.string().max(5000, "Mô tả tối đa 5000 ký tự.").default(""),
  startsAt: z.string().regex(LOCAL_DATE_TIME, "Thời gian bắt đầu không hợp lệ."),
  endsAt: z.string().regex(LOCAL_DATE_TIME, "Thời gian kết thúc không hợp lệ."),
  hostId: z.string().min(1, "Vui lòng chọn người chủ trì."),
  allBridgePoints: z.boolean().default(false),
  bridgePointIds: z.array(z.string().min(1)).max(200).default([]),
  record: z.boolean().default(false),
});
export type TConferenceInput = z.input<typeof ZConferenceInputSchema>;
export type TConferenceData = z.output<typeof ZConferenceInputSchema>;
