export * from "./big-class";
export * from "./errors";
export * from "./events";
export * from "./mediasoup";
export * from "./peer-list";
export * from "./requests";
export * from "./state";
