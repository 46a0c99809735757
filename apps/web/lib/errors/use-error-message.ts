"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

/** What the browser gets back from a refused request (lib/api/to-api-response.ts). */
export interface TShownError {
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/**
 * The message to show for a server refusal, in the reader's language: the `errors.<CODE>`
 * translation with the error's params, or the server's own (Vietnamese) message for a code
 * whose text depends on details only the server knows.
 */
export function useErrorMessage(): (error: TShownError) => string {
  const t = useTranslations("errors");
  // Stable while the language is, so components may list it among an effect's dependencies.
  return useCallback((error) => (t.has(error.code) ? t(error.code, error.params) : error.message), [t]);
}
