"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/api/send-json";

export function MarkReadButton({ label }: { label: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await sendJson("/api/events/notifications/read", "POST");
        setPending(false);
        router.refresh();
      }}
    >
      {label}
    </button>
  );
}
