// Safe for the web bundle: the whisper engine (a native addon) is the subpath "@diemcau/captions/whisper".
export * from "./timed-text";
export * from "./write-vtt";
export * from "./read-captions";
export * from "./CaptionsParseError";
export * from "./TranscriptionEngine";
export * from "./with-timeout";
export * from "./served-captions";
export * from "./spoken-source";
