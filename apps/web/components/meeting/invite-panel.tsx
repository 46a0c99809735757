"use client";

import { useTranslations } from "next-intl";
import { memo, useCallback, useEffect, useState } from "react";
import { sendJson } from "@/lib/api/send-json";
import { useErrorMessage } from "@/lib/errors/use-error-message";
import { formatDateTime } from "@diemcau/calendar/display-date";
import { Icon } from "./icons";

type TOpenInvite = { id: string; expiresAt: string; closedToNewcomersAt: string | null; _count: { admissions: number } };

/** The host's guest links: make one (copied at once), see those still open, revoke any. */
export const InvitePanel = memo(function InvitePanel({ eventId, onNotice }: { eventId: string; onNotice: (text: string) => void }) {
  const t = useTranslations("meeting");
  const errorMessage = useErrorMessage();
  const [invites, setInvites] = useState<TOpenInvite[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const base = `/api/meetings/${encodeURIComponent(eventId)}/invites`;

  const reload = useCallback(async () => {
    const response = await fetch(base).catch(() => null);
    if (response?.ok) setInvites(((await response.json()) as { invites: TOpenInvite[] }).invites);
  }, [base]);
  useEffect(() => void reload(), [reload]);

  const create = async () => {
    const result = await sendJson<{ url: string }>(base, "POST", {});
    if (!result.ok) return onNotice(errorMessage(result.error));
    setCreated(result.data.url);
    await navigator.clipboard?.writeText(result.data.url).catch(() => undefined);
    await reload();
  };
  const revoke = async (id: string) => {
    const result = await sendJson(`${base}/${encodeURIComponent(id)}`, "DELETE");
    onNotice(result.ok ? t("inviteRevoked") : errorMessage(result.error));
    if (result.ok && created?.includes(id)) setCreated(null);
    await reload();
  };

  return (
    <>
      <button type="button" className="toggle" onClick={() => void create()}>
        <Icon name="link" /> <span>{t("host.invite")}</span>
      </button>
      {created && (
        <p className="alert" role="status">
          {t("inviteReady")} <input readOnly value={created} aria-label={t("host.invite")} onFocus={(e) => e.target.select()} />
        </p>
      )}
      {invites.length > 0 && (
        <ul className="invites" aria-label={t("invites")} data-testid="open-invites">
          {invites.map((invite) => (
            <li key={invite.id}>
              {t("inviteExpiresAt", { at: formatDateTime(new Date(invite.expiresAt)) })} · {t("inviteGuests", { count: invite._count.admissions })}
              {invite.closedToNewcomersAt && ` · ${t("inviteClosed")}`}{" "}
              <button type="button" className="link-button link-button--danger" onClick={() => void revoke(invite.id)}>
                {t("inviteRevoke")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
});
