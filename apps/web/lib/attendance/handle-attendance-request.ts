import type { Db } from "@diemcau/db";
import { ZAttendanceBatchSchema } from "@diemcau/protocol";
import { NextResponse } from "next/server";
import { databaseNonceStore } from "../internal/database-nonce-store";
import { readSignedBatch } from "../internal/read-signed-batch";
import { recordAttendanceReports } from "./record-attendance-reports";

/** POST /api/internal/attendance: signed by media-server with MEDIA_SECRET (replays refused), validated by protocol. */
export async function handleAttendanceRequest(request: Request, db: Db, secret: string): Promise<Response> {
  const batch = await readSignedBatch(request, {
    secret,
    nonces: databaseNonceStore(db),
    schema: ZAttendanceBatchSchema,
    // A full batch of 500 reports is about 150 kB; anything far larger is not from media-server.
    maxBytes: 1_000_000,
    codePrefix: "ATTENDANCE",
    noun: "báo cáo điểm danh",
  });
  if (!batch.ok) return batch.response;
  return NextResponse.json(await recordAttendanceReports(db, batch.data));
}
