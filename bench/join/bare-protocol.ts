/** The bare baseline's WebSocket messages: one request, one reply with the same id. */
export type TBareRequest = { id: number; method: string; data?: unknown };
export type TBareReply = { id: number; ok: true; data: unknown } | { id: number; ok: false; error: string };
