/**
 * Audio-only, once chosen on this device (or switched on because its link could not carry video),
 * is kept for the next meetings: a weak link usually stays weak.
 */
const KEY = "diemcau:audio-only";

export function readAudioOnlyPreference(): boolean {
  try {
    return localStorage.getItem(KEY) === "1";
  } catch {
    // Storage refused (private mode, policy): no preference.
    return false;
  }
}

export function keepAudioOnlyPreference(enabled: boolean): void {
  try {
    if (enabled) localStorage.setItem(KEY, "1");
    else localStorage.removeItem(KEY);
  } catch {
    // Not kept; the meeting goes on.
  }
}
