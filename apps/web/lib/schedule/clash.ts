import { expandOccurrences, type TOccurrence, type TSchedulable } from "@diemcau/calendar/recurrence";

export interface TClashCandidate extends TSchedulable {
  /** Excluded from the check, so an edited event does not clash with itself. */
  id?: string;
}

export interface TBookedEvent extends TSchedulable {
  id: string;
  title: string;
}

export interface TClash<TEvent extends TBookedEvent> {
  event: TEvent;
  /** The first occurrence of the booked event that overlaps. */
  occurrence: TOccurrence;
  /** The candidate's occurrence it overlaps. */
  candidateOccurrence: TOccurrence;
}

/** Half-open intervals: a lesson ending at 09:00 and one starting at 09:00 do not clash. */
export function occurrencesOverlap(a: TOccurrence, b: TOccurrence): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/**
 * The first overlap (in time order) between the candidate's occurrences in [from, to) and those
 * of the booked events, or null. Sizes are small (a year of weekly lessons is ~100 occurrences),
 * so a plain scan over start-sorted lists is enough.
 */
export function findClash<TEvent extends TBookedEvent>(
  candidate: TClashCandidate,
  booked: readonly TEvent[],
  from: Date,
  to: Date,
): TClash<TEvent> | null {
  const mine = expandOccurrences(candidate, from, to);
  if (mine.length === 0) return null;
  const theirs = booked
    .filter((event) => event.id !== candidate.id)
    .flatMap((event) => expandOccurrences(event, from, to).map((occurrence) => ({ event, occurrence })))
    .sort((a, b) => a.occurrence.startsAt.getTime() - b.occurrence.startsAt.getTime());
  for (const candidateOccurrence of mine) {
    for (const other of theirs) {
      if (other.occurrence.startsAt >= candidateOccurrence.endsAt) break;
      if (occurrencesOverlap(candidateOccurrence, other.occurrence)) {
        return { event: other.event, occurrence: other.occurrence, candidateOccurrence };
      }
    }
  }
  return null;
}
