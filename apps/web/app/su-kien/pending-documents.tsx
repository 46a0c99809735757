"use client";

import { useTranslations } from "next-intl";
import { DocumentEditor } from "@/components/documents/document-editor";
import styles from "@/components/documents/documents.module.css";
import type { TDocumentLinkInput } from "@/lib/documents/document-link-input";

/** The documents a new conference will be created with (checked by the server when it is). */
export function PendingDocuments({
  documents,
  onChange,
  lookupEnabled,
}: {
  documents: TDocumentLinkInput[];
  onChange: (documents: TDocumentLinkInput[]) => void;
  lookupEnabled: boolean;
}) {
  const t = useTranslations("documents");
  return (
    <section aria-labelledby="pending-documents-title">
      <h2 id="pending-documents-title">{t("title")}</h2>
      {documents.length > 0 && (
        <>
          <p className={styles.hint}>{t("pending")}</p>
          <ul className={styles.pending} data-testid="pending-documents">
            {documents.map(({ document }, i) => (
              <li key={`${document.numberNotation}-${i}`}>
                {document.numberNotation} — {document.subject}{" "}
                <button type="button" className="button button--small" onClick={() => onChange(documents.filter((_, j) => j !== i))}>
                  {t("remove")}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <DocumentEditor
        lookupEnabled={lookupEnabled}
        onAttach={async (input) => {
          onChange([...documents, input]);
          return null;
        }}
      />
    </section>
  );
}
