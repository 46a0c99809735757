/** What a request got: in (the route did its work, or at least read the request), or refused. */
export type TOutcome = "allowed" | "refused";

/** Where the app sends someone it will not serve: signed out, or signed in with a password to change first. */
const REFUSAL_REDIRECTS = [/^\/dang-nhap(?:[?/]|$)/, /^\/tai-khoan\/mat-khau(?:[?/]|$)/];

/**
 * Pages that refuse with a 200 and an explanation in the page (the room explains why one may not
 * enter); the marker is the refusal's own element.
 */
const REFUSAL_MARKERS = ['data-testid="meeting-refused"'];

/** Error codes only a caller past access control gets (a feature not configured here), whatever their status. */
const PAST_THE_GUARD_CODES = ["DOCUMENT_SYSTEM_NOT_CONFIGURED"];

/**
 * Classifies a response conservatively, so the matrix can only overcount successes: 2xx and
 * redirects elsewhere are in, and so are 400, 409, 413, 415 and 422, since the request got past
 * access control to the validation behind it. 401, 403, 404 (ids a viewer may not see are
 * answered as missing) and 410 are refusals, as are redirects to the sign-in or password page.
 * Anything else (a 5xx) is an error the matrix reports on its own. `location` is the redirect
 * target: the Location header, or a server action's x-action-redirect; `errorCode` the code of a
 * JSON error body.
 */
export function classifyResponse(status: number, location: string | null, body: string | null, errorCode: string | null = null): TOutcome | "error" {
  if (errorCode && PAST_THE_GUARD_CODES.includes(errorCode)) return "allowed";
  // A redirect: an HTTP one, or a server action's (a 200 whose x-action-redirect names the target).
  if ((status >= 300 && status < 400) || (location && status >= 200 && status < 300)) {
    const path = location ? new URL(location, "http://x").pathname + new URL(location, "http://x").search : "";
    return REFUSAL_REDIRECTS.some((re) => re.test(path)) ? "refused" : "allowed";
  }
  if ([401, 403, 404, 410].includes(status)) return "refused";
  if (status >= 200 && status < 300) return body && REFUSAL_MARKERS.some((marker) => body.includes(marker)) ? "refused" : "allowed";
  if ([400, 409, 413, 415, 422].includes(status)) return "allowed";
  return "error";
}
