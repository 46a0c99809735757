import type { Db } from "@diemcau/db";
import { AppError } from "../errors/app-error";

type TTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function timelineConflict(): AppError {
  return new AppError(
    "TIMELINE_CONFLICT",
    "Phụ đề hoặc chương của học liệu vừa được người khác lưu. Hãy tải lại trang để xem bản mới rồi sửa lại.",
    409,
  );
}

/**
 * Inside the transaction that saves the transcript or the chapters: raises the material's
 * timeline version if it still is the one the editor read, else refuses, so of two people who
 * edited the same version, the second is told instead of silently overwriting the first.
 */
export async function claimTimelineVersion(tx: TTransaction, materialId: string, readVersion: number): Promise<number> {
  const { count } = await tx.material.updateMany({
    where: { id: materialId, timelineVersion: readVersion },
    data: { timelineVersion: { increment: 1 } },
  });
  if (count === 0) throw timelineConflict();
  return readVersion + 1;
}
