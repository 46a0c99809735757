import { Prisma } from "@diemcau/db";
import type { TGroupBy } from "./statistics-query";

// Where each figure belongs, as SQL. Sessions reach a place through their event: its bridge
// points (and their districts), or, for an event without any (a lesson), its host's district.
// School, subject and grade are the class's (the school falls back to the host's). A conference
// with bridge points in five districts therefore counts in each of the five rows, and once in the
// totals. Materials belong to a district as the library's district filter has it (their owner's,
// and those of the bridge points of the event they recorded), and have their own subject and grade.

/** (event_id, key) for a breakdown; key NULL: not attributed (e.g. a lesson has no bridge point). */
const EVENT_PLACES: Record<TGroupBy, string> = {
  district: `SELECT ebp."eventId" AS event_id, bp."districtId" AS key
      FROM "EventBridgePoint" ebp JOIN "BridgePoint" bp ON bp.id = ebp."bridgePointId"
    UNION ALL
    SELECT e.id, h."districtId" FROM "Event" e JOIN "User" h ON h.id = e."hostId"
      WHERE NOT EXISTS (SELECT 1 FROM "EventBridgePoint" x WHERE x."eventId" = e.id)`,
  bridgePoint: `SELECT e.id AS event_id, ebp."bridgePointId" AS key FROM "Event" e LEFT JOIN "EventBridgePoint" ebp ON ebp."eventId" = e.id`,
  school: `SELECT e.id AS event_id, COALESCE(c.school, h.school) AS key
    FROM "Event" e JOIN "User" h ON h.id = e."hostId" LEFT JOIN "Course" c ON c.id = e."courseId"`,
  subject: `SELECT e.id AS event_id, c.subject AS key FROM "Event" e LEFT JOIN "Course" c ON c.id = e."courseId"`,
  grade: `SELECT e.id AS event_id, c.grade::text AS key FROM "Event" e LEFT JOIN "Course" c ON c.id = e."courseId"`,
};

/** (material_id, key) for a breakdown. */
const MATERIAL_PLACES: Record<TGroupBy, string> = {
  // The same rule as the library's district filter (packages/search, searchFilters).
  district: `SELECT m.id AS material_id, o."districtId" AS key FROM "Material" m JOIN "User" o ON o.id = m."ownerId"
    UNION
    SELECT m.id, bp."districtId" FROM "Material" m JOIN "Recording" r ON r.id = m."recordingId"
      JOIN "EventBridgePoint" ebp ON ebp."eventId" = r."eventId" JOIN "BridgePoint" bp ON bp.id = ebp."bridgePointId"`,
  bridgePoint: `SELECT m.id AS material_id, ebp."bridgePointId" AS key
    FROM "Material" m LEFT JOIN "Recording" r ON r.id = m."recordingId" LEFT JOIN "EventBridgePoint" ebp ON ebp."eventId" = r."eventId"`,
  school: `SELECT m.id AS material_id, COALESCE(c.school, o.school) AS key
    FROM "Material" m JOIN "User" o ON o.id = m."ownerId" LEFT JOIN "Recording" r ON r.id = m."recordingId"
      LEFT JOIN "Event" e ON e.id = r."eventId" LEFT JOIN "Course" c ON c.id = e."courseId"`,
  subject: `SELECT m.id AS material_id, m.subject AS key FROM "Material" m`,
  grade: `SELECT m.id AS material_id, m.grade::text AS key FROM "Material" m`,
};

export function eventPlacesSql(groupBy: TGroupBy): Prisma.Sql {
  return Prisma.raw(EVENT_PLACES[groupBy]);
}

export function materialPlacesSql(groupBy: TGroupBy): Prisma.Sql {
  return Prisma.raw(MATERIAL_PLACES[groupBy]);
}
