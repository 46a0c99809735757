export * from "./errors";
export * from "./events";
export * from "./mediasoup";
export * from "./requests";
export * from "./state";
