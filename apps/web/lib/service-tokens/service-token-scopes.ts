/** What a service token may read: each statistics endpoint of the IOC API is one scope. */
export const SERVICE_TOKEN_SCOPES = ["statistics.summary", "statistics.trend", "statistics.bridge-points"] as const;
export type TServiceTokenScope = (typeof SERVICE_TOKEN_SCOPES)[number];

/** Tokens start with this, so a leaked one is recognisable in logs and by secret scanners. */
export const SERVICE_TOKEN_PREFIX = "dcst_";
