"use client";

import type { TRollCall } from "@diemcau/protocol";
import type { RoomClient } from "@diemcau/room-client";
import { useTranslations } from "next-intl";
import { memo } from "react";

export type TScheduledBridgePoint = { id: string; name: string; district: string };

type Props = { client: RoomClient; rollCall: TRollCall | null; isHost: boolean; scheduled: TScheduledBridgePoint[] };

/**
 * Điểm danh: the host asks, each scheduled bridge point answers with one button, and the host
 * sees who is present, late or absent.
 */
export const RollCallPanel = memo(function RollCallPanel({ client, rollCall, isHost, scheduled }: Props) {
  const t = useTranslations("meeting.rollCall");
  const open = rollCall !== null && rollCall.endedAt === null;
  const entryOf = (id: string) => rollCall?.entries.find((e) => e.bridgePointId === id);
  const nameOf = (id: string) => scheduled.find((b) => b.id === id)?.name;
  const unexpected = rollCall?.entries.filter((e) => !e.expected) ?? [];
  return (
    <div className="roll-call">
      <p className="muted">{open ? t("open") : rollCall ? t("closed") : t("none")}</p>
      {isHost && (
        <div className="roll-call__actions">
          {open ? (
            <button type="button" className="button" onClick={() => void client.host.endRollCall()}>
              {t("end")}
            </button>
          ) : (
            <button type="button" className="button" onClick={() => void client.host.startRollCall(scheduled.map((b) => b.id))}>
              {t("start")}
            </button>
          )}
        </div>
      )}
      {rollCall && (
        <table className="roll-call__table">
          <thead>
            <tr>
              <th scope="col">{t("bridgePoint")}</th>
              <th scope="col">{t("status")}</th>
            </tr>
          </thead>
          <tbody>
            {[...scheduled.map((b) => b.id), ...unexpected.map((e) => e.bridgePointId)].map((id) => {
              const entry = entryOf(id);
              const status = entry?.status ?? (open ? "PENDING" : "ABSENT");
              return (
                <tr key={id} data-testid="roll-call-entry" data-status={status}>
                  <td>{nameOf(id) ?? entry?.displayName ?? id}</td>
                  <td>
                    <span className={`roll-status roll-status--${status.toLowerCase()}`}>{t(`statusValue.${status}`)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
});

/** The one big button a bridge point presses when the host calls the roll. */
export const RollCallAnswer = memo(function RollCallAnswer({ client, rollCall, bridgePointId }: { client: RoomClient; rollCall: TRollCall | null; bridgePointId: string }) {
  const t = useTranslations("meeting.rollCall");
  if (!rollCall || rollCall.endedAt !== null) return null;
  const entry = rollCall.entries.find((e) => e.bridgePointId === bridgePointId);
  if (entry && entry.status !== "PENDING") {
    return (
      <p className="roll-call-answer roll-call-answer--done" role="status">
        {t("answered", { status: t(`statusValue.${entry.status}`) })}
      </p>
    );
  }
  return (
    <div className="roll-call-answer" role="alert">
      <p>{t("asked")}</p>
      <button type="button" className="button button--big" onClick={() => void client.answerRollCall()}>
        {t("present")}
      </button>
    </div>
  );
});
