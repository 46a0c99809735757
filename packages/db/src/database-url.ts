/** The local PostgreSQL every developer machine and CI runner has (trust auth). */
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
