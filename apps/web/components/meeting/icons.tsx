// Inline SVG icons for the meeting controls: emoji render as empty boxes where no emoji font is
// installed (Debian's Chromium showed it), these draw anywhere. Each icon is decorative: the
// button or label beside it carries the text.

import { memo } from "react";

const PATHS = {
  mic: "M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3M8 21h8",
  micOff: "M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3M8 21h8M3 3l18 18",
  camera: "M3 7h12v10H3zM15 10l6-3v10l-6-3",
  cameraOff: "M3 7h12v10H3zM15 10l6-3v10l-6-3M2 3l19 18",
  screen: "M3 4h18v12H3zM8 20h8M12 16v4M9 10l3-3 3 3M12 7v6",
  hand: "M8 12V5a1.5 1.5 0 0 1 3 0v6M11 11V4a1.5 1.5 0 0 1 3 0v7M14 11V5.5a1.5 1.5 0 0 1 3 0V14a7 7 0 0 1-7 7h-.5A6.5 6.5 0 0 1 4 15.5V13a1.5 1.5 0 0 1 3 0v1",
  headphones: "M4 15v-3a8 8 0 0 1 16 0v3M4 15h3v6H4zM17 15h3v6h-3z",
  grid: "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z",
  speaker: "M3 4h18v11H3zM5 17h4v3H5zM10 17h4v3h-4zM15 17h4v3h-4z",
  lock: "M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4",
  unlock: "M6 11h12v10H6zM8 11V7a4 4 0 0 1 7.5-2",
  muteAll: "M3 9h4l5-4v14l-5-4H3zM16 9l5 6M21 9l-5 6",
  link: "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
  record: "M12 5a7 7 0 1 0 0 14 7 7 0 0 0 0-14z",
  stop: "M6 6h12v12H6z",
} as const;

export type TIconName = keyof typeof PATHS;

export const Icon = memo(function Icon({ name, className }: { name: TIconName; className?: string }) {
  return (
    <svg className={`icon${className ? ` ${className}` : ""}`} viewBox="0 0 24 24" width="1.15em" height="1.15em" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill={name === "record" ? "currentColor" : "none"} />
    </svg>
  );
});
