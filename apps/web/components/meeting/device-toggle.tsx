"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import { Icon } from "./icons";

type Props = {
  device: "mic" | "camera";
  on: boolean;
  onToggle: () => void;
  disabled?: boolean;
  /** Why it is disabled, as a tooltip. */
  title?: string;
  testId?: string;
};

/** The microphone or camera switch, on the preview and in the room: its icon and its state in words. */
export const DeviceToggle = memo(function DeviceToggle({ device, on, onToggle, disabled, title, testId }: Props) {
  const t = useTranslations("meeting");
  const icon = device === "mic" ? (on ? "mic" : "micOff") : on ? "camera" : "cameraOff";
  return (
    <button type="button" className="toggle" aria-pressed={on} data-testid={testId} disabled={disabled} title={title} onClick={onToggle}>
      <Icon name={icon} /> <span>{t(on ? `${device}On` : `${device}Off`)}</span>
    </button>
  );
});
