// Safe for the web bundle. PGlite (./embedded), the Prisma CLI (./migrate) and throwaway
// databases (./test-database) are subpath imports only, so nothing pulls them in by accident.
export * from "./client";
export * from "./check-database";
export * from "./password";
export * from "./seed";
export * from "./account-tokens";
export * from "./generated/prisma/enums";
export type * from "./generated/prisma/models";
