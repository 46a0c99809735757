import { getTranslations } from "next-intl/server";
import { getDocumentsConnector } from "@/lib/documents/documents-connector";
import type { TDocumentLinkView } from "@/lib/documents/list-document-links";
import { BasisLines } from "./basis-lines";
import { LinkedDocumentsPanel } from "./linked-documents-panel";

/**
 * The "Văn bản căn cứ" section of an event or material: its basis lines, and for those who may
 * change them (`apiUrl`, the target's documents API) remove buttons and the editor that links at once.
 */
export async function DocumentsSection({ documents, apiUrl }: { documents: TDocumentLinkView[]; apiUrl?: string }) {
  const t = await getTranslations("documents");
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t("title")}</h2>
      {documents.length > 0 ? <BasisLines documents={documents} removeUrl={apiUrl} /> : <p className="empty">{t("none")}</p>}
      {apiUrl && (
        <>
          <p className="muted">{t("linkedAtOnce")}</p>
          <LinkedDocumentsPanel apiUrl={apiUrl} lookupEnabled={getDocumentsConnector().lookup !== null} />
        </>
      )}
    </section>
  );
}
