/** A viewer's watching counts as a view from this many seconds on, once per material and day (issue 13). */
export const VIEW_COUNTS_AFTER_SEC = 30;
/** The player reports the seconds it played this often while it plays. */
export const HEARTBEAT_INTERVAL_SEC = 10;
