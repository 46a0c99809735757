import { ZSearchQuerySchema, type TSearchQueryInput } from "./search-input";

const FIELDS = Object.keys(ZSearchQuerySchema.shape) as (keyof TSearchQueryInput)[];

/**
 * A page's search parameters: the first value of each known one, and the parsed input; a bad
 * value (a mistyped link) is dropped rather than failing the page.
 */
export function searchPageInput(searchParams: Record<string, string | string[] | undefined>): {
  input: TSearchQueryInput;
  params: Record<string, string | undefined>;
} {
  const params: Record<string, string | undefined> = {};
  for (const field of FIELDS) {
    const value = searchParams[field];
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined || first === "") continue;
    if (ZSearchQuerySchema.shape[field].safeParse(first).success) params[field] = first;
  }
  return { input: ZSearchQuerySchema.parse(params), params };
}
