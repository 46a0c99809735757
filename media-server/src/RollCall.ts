import { z } from "zod";
import { randomUUID } from "node:crypto";
import type { TRollCall, TRollCallStatus } from "@diemcau/protocol";

/**
 * Điểm danh: the host asks, each bridge point answers once. An answer within `lateAfterSeconds`
 * is PRESENT, after it LATE; no answer is PENDING while open and ABSENT once closed.
 */
export class RollCall {
  readonly id = randomUUID();
  readonly startedAt = new Date();
  #endedAt: Date | null = null;
  readonly #expected: string[];
  readonly #answers = new Map<string, { displayName: string; answeredAt: Date }>();

  constructor(
    expectedBridgePointIds: string[],
    readonly lateAfterSeconds: number,
  ) {
    this.#expected = [...new Set(expectedBridgePointIds)];
  }

  get open(): boolean {
    return this.#endedAt === null;
  }

  answer(bridgePointId: string, displayName: string, at = new Date()): void {
    if (!this.#answers.has(bridgePointId)) this.#answers.set(bridgePointId, { displayName, answeredAt: at });
  }

  end(at = new Date()): void {
    this.#endedAt ??= at;
  }

  #statusOf(bridgePointId: string): TRollCallStatus {
    const answer = this.#answers.get(bridgePointId);
    if (!answer) return this.open ? "PENDING" : "ABSENT";
    const seconds = (answer.answeredAt.getTime() - this.startedAt.getTime()) / 1000;
    return seconds <= this.lateAfterSeconds ? "PRESENT" : "LATE";
  }

  view(): TRollCall {
    const unexpected = [...this.#answers.keys()].filter((id) => !this.#expected.includes(id));
    return {
      id: this.id,
      startedAt: this.startedAt.toISOString(),
      endedAt: this.#endedAt?.toISOString() ?? null,
      lateAfterSeconds: this.lateAfterSeconds,
      entries: [...this.#expected, ...unexpected].map((bridgePointId) => {
        const answer = this.#answers.get(bridgePointId);
        return {
          bridgePointId,
          expected: this.#expected.includes(bridgePointId),
          status: this.#statusOf(bridgePointId),
          displayName: answer?.displayName ?? null,
          answeredAt: answer?.answeredAt.toISOString() ?? null,
        };
      }),
    };
  }
}

/** A roll call step asked of the room's home node, where a spread room's roll call is kept. */
export const ZRollCallStepSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("start"), expectedBridgePointIds: z.array(z.string()), lateAfterSeconds: z.number().optional() }),
  z.object({ op: z.literal("answer"), bridgePointId: z.string().min(1), displayName: z.string().min(1) }),
  z.object({ op: z.literal("end") }),
]);
export type TRollCallStep = z.infer<typeof ZRollCallStepSchema>;
