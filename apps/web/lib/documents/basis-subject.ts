/**
 * A subject as it reads after "về việc": Vietnamese documents often begin their subject with
 * "V/v" or "Về việc" themselves, which the basis line would otherwise say twice.
 */
export function basisSubject(subject: string): string {
  return subject.replace(/^\s*(v\/v|về việc)\s*[:.,-]?\s*/iu, "").trim() || subject;
}
