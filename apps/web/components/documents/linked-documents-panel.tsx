"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/lib/api/send-json";
import { DocumentEditor } from "./document-editor";

/** The document editor of an existing event or material: each document is linked at once. */
export function LinkedDocumentsPanel({ apiUrl, lookupEnabled }: { apiUrl: string; lookupEnabled: boolean }) {
  const router = useRouter();
  return (
    <DocumentEditor
      lookupEnabled={lookupEnabled}
      onAttach={async (input) => {
        const result = await sendJson(apiUrl, "POST", input);
        if (!result.ok) return result.error;
        router.refresh();
        return null;
      }}
    />
  );
}
