"use client";

import type { TDocumentRecord } from "@diemcau/connectors/documents";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { sendFile, sendJson, type TFormError } from "@/lib/api/send-json";
import type { TDocumentLinkInput } from "@/lib/documents/document-link-input";
import { useErrorMessage } from "@/lib/errors/use-error-message";
import styles from "./documents.module.css";

type TSource = TDocumentLinkInput["source"];
type TFields = Record<"numberNotation" | "documentType" | "issuer" | "promulgatedOn" | "subject" | "signerName" | "signerPosition", string>;

const EMPTY: TFields = { numberNotation: "", documentType: "", issuer: "", promulgatedOn: "", subject: "", signerName: "", signerPosition: "" };
const FIELD_ORDER = ["numberNotation", "documentType", "issuer", "promulgatedOn", "signerName", "signerPosition"] as const;

/** Fields a package or the document system filled that the form does not show, kept as they came. */
type THidden = Pick<TDocumentRecord, "issuerOrganId" | "place" | "recipients" | "attachments">;
const NO_HIDDEN: THidden = { issuerOrganId: null, place: null, recipients: [], attachments: [] };

function fieldsOf(document: TDocumentRecord): TFields {
  return {
    numberNotation: document.numberNotation,
    documentType: document.documentType ?? "",
    issuer: document.issuer ?? "",
    promulgatedOn: document.promulgatedOn ?? "",
    subject: document.subject,
    signerName: document.signerName ?? "",
    signerPosition: document.signerPosition ?? "",
  };
}

/**
 * One document's fields, filled from an edXML package, from the document system (when a lookup is
 * configured) or by hand, then handed to `onAttach`. Not a <form>: it also sits inside the
 * conference form, which it must not submit.
 */
export function DocumentEditor({ lookupEnabled, onAttach }: { lookupEnabled: boolean; onAttach: (input: TDocumentLinkInput) => Promise<TFormError | null> }) {
  const t = useTranslations("documents");
  const errorMessage = useErrorMessage();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fields, setFields] = useState<TFields>(EMPTY);
  const [hidden, setHidden] = useState<THidden>(NO_HIDDEN);
  const [source, setSource] = useState<TSource>("MANUAL");
  const [error, setError] = useState<TFormError | null>(null);
  const [pending, setPending] = useState<"file" | "lookup" | "attach" | null>(null);

  const fill = (document: TDocumentRecord, from: TSource) => {
    setFields(fieldsOf(document));
    setHidden({ issuerOrganId: document.issuerOrganId, place: document.place, recipients: document.recipients, attachments: document.attachments });
    setSource(from);
    setError(null);
  };
  const reset = () => {
    setFields(EMPTY);
    setHidden(NO_HIDDEN);
    setSource("MANUAL");
    if (fileInput.current) fileInput.current.value = "";
  };
  const run = async (kind: "file" | "lookup" | "attach", work: () => Promise<TFormError | null>) => {
    setPending(kind);
    setError(null);
    const failure = await work();
    setPending(null);
    if (failure) setError(failure);
    return failure;
  };

  return (
    <fieldset className={styles.editor} data-testid="document-editor">
      <legend>{t("attachTitle")}</legend>
      <div>
        <label htmlFor={`${id}-file`}>{t("fromEdxml")}</label>{" "}
        <input
          id={`${id}-file`}
          ref={fileInput}
          type="file"
          accept=".edxml,.xml,application/xml,text/xml"
          aria-describedby={`${id}-file-hint`}
          disabled={pending !== null}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            void run("file", async () => {
              const result = await sendFile<{ document: TDocumentRecord }>("/api/documents/edxml", file);
              if (!result.ok) return result.error;
              fill(result.data.document, "EDXML");
              return null;
            });
          }}
        />
        <p id={`${id}-file-hint`} className={styles.hint}>
          {t("edxmlHint")}
        </p>
      </div>
      <p className={styles.hint}>{lookupEnabled ? t("orLookupOrType") : t("orType")}</p>
      <div className={styles.row}>
        {FIELD_ORDER.map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`${id}-${name}`}>{t(`fields.${name}`)}</label>
            <input
              id={`${id}-${name}`}
              type={name === "promulgatedOn" ? "date" : "text"}
              value={fields[name]}
              aria-invalid={error?.field === `document.${name}` ? true : undefined}
              onChange={(e) => {
                setFields((f) => ({ ...f, [name]: e.target.value }));
                setSource("MANUAL");
              }}
            />
          </div>
        ))}
      </div>
      {lookupEnabled && (
        <div>
          <button
            type="button"
            className="button button--small"
            disabled={pending !== null || !fields.numberNotation.trim()}
            onClick={() =>
              run("lookup", async () => {
                const result = await sendJson<{ document: TDocumentRecord }>(`/api/documents/lookup?so=${encodeURIComponent(fields.numberNotation.trim())}`, "GET");
                if (!result.ok) return result.error;
                fill(result.data.document, "DOCUMENT_SYSTEM");
                return null;
              })
            }
          >
            {pending === "lookup" ? t("lookingUp") : t("lookup")}
          </button>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-subject`}>{t("fields.subject")}</label>
        <textarea
          id={`${id}-subject`}
          rows={2}
          value={fields.subject}
          aria-invalid={error?.field === "document.subject" ? true : undefined}
          onChange={(e) => {
            setFields((f) => ({ ...f, subject: e.target.value }));
            setSource("MANUAL");
          }}
        />
      </div>
      {source !== "MANUAL" && (
        <p className={styles.source} data-testid="document-source">
          {t(`filledFrom.${source}`)}
          {hidden.attachments.length > 0 && ` ${t("attachmentNames", { names: hidden.attachments.join(", ") })}`}
        </p>
      )}
      {error && (
        <p role="alert" className={styles.error} data-code={error.code}>
          {errorMessage(error)}
        </p>
      )}
      <div>
        <button
          type="button"
          className="button"
          disabled={pending !== null}
          onClick={() =>
            run("attach", async () => {
              const failure = await onAttach({ source, document: { ...hidden, ...fields } });
              if (!failure) reset();
              return failure;
            })
          }
        >
          {pending === "attach" ? t("attaching") : t("attach")}
        </button>
      </div>
    </fieldset>
  );
}
