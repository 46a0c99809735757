"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TConferenceInput } from "@/lib/schedule/conference-input";
import { sendJson, type TFormError } from "@/lib/api/send-json";
import styles from "./event.module.css";
import { useErrorMessage } from "@/lib/errors/use-error-message";
import { PendingDocuments } from "./pending-documents";
import type { TDocumentLinkInput } from "@/lib/documents/document-link-input";

export interface TConferenceFormLabels {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeHint: string;
  host: string;
  bridgePoints: string;
  allBridgePoints: string;
  record: string;
  submit: string;
  saving: string;
}

interface TProps {
  /** PATCH this event when set, else POST a new one. */
  eventId?: string;
  initial: Required<TConferenceInput>;
  hosts: { id: string; name: string }[];
  bridgePoints: { id: string; name: string }[];
  labels: TConferenceFormLabels;
  /** A new conference takes its documents with it; an existing one links them on its edit page at once. */
  documentLookupEnabled?: boolean;
}

export function ConferenceForm({ eventId, initial, hosts, bridgePoints, labels, documentLookupEnabled = false }: TProps) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<TFormError | null>(null);
  const errorMessage = useErrorMessage();
  const [pending, setPending] = useState(false);
  const [documents, setDocuments] = useState<TDocumentLinkInput[]>([]);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));
  const invalid = (field: string) => (error?.field === field ? true : undefined);
  const toggleBridgePoint = (id: string, on: boolean) =>
    set("bridgePointIds", on ? [...values.bridgePointIds, id] : values.bridgePointIds.filter((x) => x !== id));

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        const result = eventId
          ? await sendJson<{ id: string }>(`/api/events/${eventId}`, "PATCH", values)
          : await sendJson<{ id: string }>("/api/events", "POST", { ...values, documents });
        if (result.ok) {
          router.push(`/su-kien/${result.data.id}`);
          router.refresh();
        } else {
          setPending(false);
          setError(result.error);
        }
      }}
    >
      <div className="field">
        <label htmlFor="cf-title">{labels.title}</label>
        <input id="cf-title" type="text" value={values.title} onChange={(e) => set("title", e.target.value)} aria-invalid={invalid("title")} />
      </div>
      <div className="field">
        <label htmlFor="cf-description">{labels.description}</label>
        <textarea id="cf-description" rows={3} value={values.description} onChange={(e) => set("description", e.target.value)} />
      </div>
      <div className={styles.row}>
        <div className="field">
          <label htmlFor="cf-starts">{labels.startsAt}</label>
          <input id="cf-starts" type="datetime-local" value={values.startsAt} onChange={(e) => set("startsAt", e.target.value)} aria-invalid={invalid("startsAt")} aria-describedby="cf-time-hint" />
        </div>
        <div className="field">
          <label htmlFor="cf-ends">{labels.endsAt}</label>
          <input id="cf-ends" type="datetime-local" value={values.endsAt} onChange={(e) => set("endsAt", e.target.value)} aria-invalid={invalid("endsAt")} aria-describedby="cf-time-hint" />
        </div>
      </div>
      <p id="cf-time-hint" className={styles.hint}>
        {labels.timeHint}
      </p>
      <div className="field">
        <label htmlFor="cf-host">{labels.host}</label>
        <select id="cf-host" value={values.hostId} onChange={(e) => set("hostId", e.target.value)} aria-invalid={invalid("hostId")}>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className={styles.choices} aria-invalid={invalid("bridgePointIds")}>
        <legend>{labels.bridgePoints}</legend>
        <label>
          <input type="checkbox" checked={values.allBridgePoints} onChange={(e) => set("allBridgePoints", e.target.checked)} />
          <strong>{labels.allBridgePoints}</strong>
        </label>
        <div className={styles.choiceGrid}>
          {bridgePoints.map((bp) => (
            <label key={bp.id}>
              <input
                type="checkbox"
                disabled={values.allBridgePoints}
                checked={values.allBridgePoints || values.bridgePointIds.includes(bp.id)}
                onChange={(e) => toggleBridgePoint(bp.id, e.target.checked)}
              />
              {bp.name}
            </label>
          ))}
        </div>
      </fieldset>
      <label className={styles.check}>
        <input type="checkbox" checked={values.record} onChange={(e) => set("record", e.target.checked)} />
        {labels.record}
      </label>
      {!eventId && <PendingDocuments documents={documents} onChange={setDocuments} lookupEnabled={documentLookupEnabled} />}
      {error && (
        <p role="alert" className={styles.error} data-code={error.code}>
          {errorMessage(error)}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? labels.saving : labels.submit}
        </button>
      </div>
    </form>
  );
}
