"use client";

import { useEffect, useRef, useState } from "react";

/**
 * `value` once it has settled: a change shows `delayMs` after the first change of a burst, with
 * the latest value then, so a burst of changes shows once and nothing shows at the moment of the
 * first one.
 */
export function useSettledValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const changed = !Object.is(value, settled);
  useEffect(() => {
    if (!changed) return;
    const timer = setTimeout(() => setSettled(latest.current), delayMs);
    return () => clearTimeout(timer);
  }, [changed, delayMs]);
  return settled;
}
