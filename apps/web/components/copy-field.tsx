"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/** A secret link shown once, to copy and hand over (a one-time password link). */
export function CopyField({ id, label, value, hint }: { id: string; label: string; value: string; hint?: string }) {
  const t = useTranslations("accounts");
  const [copied, setCopied] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field">
        <input id={id} className="feed-url" type="text" readOnly value={value} onFocus={(e) => e.currentTarget.select()} data-testid={id} />
        <button
          type="button"
          className="button button--small"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
      {hint && <p className="muted">{hint}</p>}
    </div>
  );
}
