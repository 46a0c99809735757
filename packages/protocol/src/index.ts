export * from "./env";
export * from "./health";
export * from "./join-token";
export * from "./signaling";
export * from "./attendance";
export * from "./recording";
export * from "./jobs";
export * from "./hls-playlist";
