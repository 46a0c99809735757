export * from "./timed-text";
export * from "./write-vtt";
export * from "./served-captions";
