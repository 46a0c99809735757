import { basisSubject } from "@diemcau/connectors/documents";
import { getTranslations } from "next-intl/server";
import { formatDate } from "@diemcau/calendar/display-date";
import { getDocumentsConnector } from "@/lib/documents/documents-connector";
import type { TDocumentLinkView } from "@/lib/documents/list-document-links";
import styles from "./documents.module.css";
import { UnlinkDocumentButton } from "./unlink-document-button";

/**
 * "Căn cứ Công văn số 1234/SGDĐT-VP ngày 05/09/2024 của Sở Giáo dục và Đào tạo về việc …", one line
 * per document, the number linking to the document system when DOCUMENT_URL_TEMPLATE is set.
 * `removeUrl` (the target's documents API) adds a remove button to the target's own links.
 */
export async function BasisLines({ documents, removeUrl }: { documents: TDocumentLinkView[]; removeUrl?: string }) {
  const t = await getTranslations("documents");
  const connector = getDocumentsConnector();
  return (
    <ul className={styles.lines} data-testid="basis-lines">
      {documents.map((doc) => {
        const url = doc.numberNotation ? connector.documentUrl(doc.numberNotation) : null;
        const parts = doc.numberNotation
          ? [
              t("basis.lead", { type: doc.documentType ?? t("basis.defaultType") }),
              t("basis.number"),
              url ? (
                <a key="number" href={url} rel="noopener">
                  {doc.numberNotation}
                </a>
              ) : (
                doc.numberNotation
              ),
              doc.promulgatedOn && t("basis.date", { date: formatDate(doc.promulgatedOn) }),
              doc.issuer && t("basis.issuer", { issuer: doc.issuer }),
              doc.subject && t("basis.subject", { subject: basisSubject(doc.subject) }),
            ]
          : [t("basis.freeText", { text: doc.subject ?? "" })];
        const meta = [
          doc.signerName && t("signer", { signer: [doc.signerPosition, doc.signerName].filter(Boolean).join(" ") }),
          doc.attachments.length > 0 && t("attachmentNames", { names: doc.attachments.join(", ") }),
          t(`source.${doc.source}`),
          doc.viaEvent && t("viaEvent"),
        ].filter(Boolean);
        return (
          <li key={doc.id}>
            <p className={styles.line} data-testid="basis-line">
              {parts.filter(Boolean).flatMap((part, i) => (i === 0 ? [part] : [" ", part]))}
            </p>
            <p className={styles.meta}>
              {meta.join(" · ")}
              {removeUrl && !doc.viaEvent && (
                <>
                  {" "}
                  <UnlinkDocumentButton url={`${removeUrl}/${doc.id}`} />
                </>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
