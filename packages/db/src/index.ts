// Safe for the web bundle. PGlite (./embedded), the Prisma CLI (./migrate) and throwaway
// databases (./test-database) are subpath imports only, so nothing pulls them in by accident.
export * from "./client";
// The namespace of Prisma.sql / Prisma.join for raw queries built from parameters (search).
export { Prisma } from "./generated/prisma/client";
export * from "./check-database";
export * from "./password";
export * from "./seed";
export * from "./account-tokens";
export * from "./generated/prisma/enums";
export type * from "./generated/prisma/models";
