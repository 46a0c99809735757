export * from "./client";
export * from "./generated/prisma/enums";
export type * from "./generated/prisma/models";
