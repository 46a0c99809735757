import type { Db } from "@diemcau/db";
import { findClash } from "./clash";
import { ZConferenceInputSchema } from "./conference-input";
import { describeOccurrence } from "./describe-clash";
import { findBridgePointBookings } from "./find-booked-events";
import type { TTx } from "./lock-keys";
import { parseInput } from "../api/parse-input";
import { AppError } from "../errors/app-error";
import { requireTitle, validateTimes } from "./validate-times";

export interface TPreparedConference {
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  hostId: string;
  bridgePointIds: string[];
  record: boolean;
}

/** Validates the form and resolves "all bridge points", the host and the selection against the database. */
export async function prepareConference(db: Db, input: unknown, now: Date, keptStart?: Date): Promise<TPreparedConference> {
  const data = parseInput(ZConferenceInputSchema, input);
  const title = requireTitle(data.title);
  const { startsAt, endsAt } = validateTimes(data.startsAt, data.endsAt, now, keptStart);

  const host = await db.user.findUnique({ where: { id: data.hostId }, select: { role: true } });
  if (!host || host.role === "STUDENT" || host.role === "BRIDGE_POINT") {
    throw new AppError("UNKNOWN_HOST", "Người chủ trì không hợp lệ.", 400, "hostId");
  }

  let bridgePointIds: string[];
  if (data.allBridgePoints) {
    const all = await db.bridgePoint.findMany({ where: { active: true }, select: { id: true } });
    bridgePointIds = all.map((bp) => bp.id);
  } else {
    bridgePointIds = [...new Set(data.bridgePointIds)];
    const found = await db.bridgePoint.count({ where: { id: { in: bridgePointIds }, active: true } });
    if (found !== bridgePointIds.length) {
      throw new AppError("UNKNOWN_BRIDGE_POINT", "Có điểm cầu không tồn tại hoặc đang tạm ngừng.", 400, "bridgePointIds");
    }
  }
  if (bridgePointIds.length === 0) {
    throw new AppError("NO_BRIDGE_POINTS", "Vui lòng chọn ít nhất một điểm cầu.", 400, "bridgePointIds");
  }

  return {
    title,
    description: data.description.trim() || null,
    startsAt,
    endsAt,
    hostId: data.hostId,
    bridgePointIds,
    record: data.record,
  };
}

/** Refuses, naming the clashing event and bridge point, when a chosen bridge point is already booked. */
export async function assertBridgePointsFree(
  tx: TTx,
  conference: TPreparedConference,
  exceptEventId?: string,
): Promise<void> {
  const booked = await findBridgePointBookings(tx, conference.bridgePointIds, conference.startsAt, conference.endsAt);
  const clash = findClash(
    { id: exceptEventId, startsAt: conference.startsAt, endsAt: conference.endsAt, rrule: null },
    booked,
    conference.startsAt,
    conference.endsAt,
  );
  if (!clash) return;
  const shared = clash.event.bridgePoints.filter((bp) => conference.bridgePointIds.includes(bp.bridgePointId));
  const names = shared.map((bp) => bp.bridgePoint.name);
  const who = names.length === 1 ? names[0] : `${names.length} điểm cầu (${names.join(", ")})`;
  throw new AppError(
    "BRIDGE_POINT_CLASH",
    `Trùng lịch: ${who} đã tham gia ${describeOccurrence(clash.event.title, clash.occurrence)}.`,
    409,
    "bridgePointIds",
  );
}
