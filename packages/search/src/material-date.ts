import { Prisma } from "@diemcau/db";

/**
 * A material's date (when it was made: the recording finalized, the video uploaded), as filters,
 * sorting and results read it: its own column, so ranking thousands of candidates joins nothing.
 */
export const MATERIAL_DATE = Prisma.sql`m."createdAt"`;
