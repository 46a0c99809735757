"use client";

import type { TChatMessage } from "@diemcau/protocol";
import type { RoomClient } from "@diemcau/room-client";
import { useTranslations } from "next-intl";
import { memo, useEffect, useRef, useState } from "react";

const timeFormat = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The room's chat; lines are kept by the server for the recording. */
export const ChatPanel = memo(function ChatPanel({ client, chat }: { client: RoomClient; chat: TChatMessage[] }) {
  const t = useTranslations("meeting");
  const [text, setText] = useState("");
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [chat.length]);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    await client.sendChat(text.trim());
    setText("");
  };
  return (
    <div className="chat">
      <ol className="chat__list" ref={listRef} aria-live="polite" aria-label={t("chat")}>
        {chat.map((m) => (
          <li key={m.id} className="chat__line">
            <span className="chat__meta">
              <strong>{m.displayName}</strong> <time dateTime={m.sentAt}>{timeFormat.format(new Date(m.sentAt))}</time>
            </span>
            <span className="chat__text">{m.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat__form" onSubmit={(e) => void send(e)}>
        <label htmlFor="chat-input" className="visually-hidden">
          {t("chatMessage")}
        </label>
        <input id="chat-input" value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} placeholder={t("chatPlaceholder")} />
        <button type="submit" className="button">
          {t("send")}
        </button>
      </form>
    </div>
  );
});
