/*
 * Limits of the big-class features (last-N forwarding, the participant list): one place for the
 * numbers the media server enforces and clients choose within.
 */

/** Most speakers' videos a client may ask for at once (a large screen shows a 3×3 grid). */
export const MAX_VIDEO_SLOTS = 9;
/** Video slots of a client that never said how many it shows. */
export const DEFAULT_VIDEO_SLOTS = 6;
/** Microphones forwarded to each client: the most recent speakers among those unmuted. */
export const AUDIO_SLOTS = 4;
/** The largest page of the participant list. */
export const PEER_LIST_PAGE_MAX = 50;
/** The longest name search. */
export const PEER_SEARCH_MAX_LENGTH = 100;
/** The room's head count is sent at most this often, however many join or leave meanwhile. */
export const PEER_COUNT_INTERVAL_MS = 1000;
