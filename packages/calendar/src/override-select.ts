/** The fields of a series' cancelled and moved lessons that expandOccurrences reads (TOccurrenceOverride). */
export const overridesSelect = { select: { originalStartsAt: true, cancelled: true, startsAt: true, endsAt: true } } as const;
