export * from "./env";
export * from "./health";
