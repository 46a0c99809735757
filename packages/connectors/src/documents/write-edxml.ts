import { randomUUID } from "node:crypto";
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import type { TEdxmlHeader, TEdxmlParty } from "./document-record";
import { EDXML_NAMESPACE as NS, XLINK_NAMESPACE } from "./edxml-format";

export interface TEdxmlAttachmentInput {
  name: string;
  contentType: string;
  description: string;
  content: Uint8Array;
}

/**
 * An edXML package (QCVN 102:2016/BTTTT): the MessageHeader, a manifest that lists each
 * attachment, and the attachments base64-encoded in AttachmentEncoded, bound by ContentId.
 * Every header element is written, empty when unknown, so the sender's document system shows
 * the slots its clerk still has to fill (number, recipients, signer).
 */
export function writeEdxml(header: TEdxmlHeader, attachments: TEdxmlAttachmentInput[]): Buffer {
  const document = create({ version: "1.0", encoding: "UTF-8" });
  // xlink declared once up front: xmlbuilder2 would otherwise repeat it on every Reference.
  const root = document.ele(NS, "edXML").att("http://www.w3.org/2000/xmlns/", "xmlns:xlink", XLINK_NAMESPACE);
  const envelope = root.ele(NS, "edXML:edXMLEnvelope");
  const message = envelope.ele(NS, "edXML:edXMLHeader").ele(NS, "edXML:MessageHeader");
  writeParty(message.ele(NS, "edXML:From"), header.from);
  for (const recipient of header.to.length > 0 ? header.to : [{}]) writeParty(message.ele(NS, "edXML:To"), recipient);
  const code = message.ele(NS, "edXML:Code");
  leaf(code, "CodeNumber", header.codeNumber);
  leaf(code, "CodeNotation", header.codeNotation);
  const promulgation = message.ele(NS, "edXML:PromulgationInfo");
  leaf(promulgation, "Place", header.place);
  leaf(promulgation, "PromulgationDate", header.promulgationDate);
  leaf(message.ele(NS, "edXML:DocumentType"), "TypeName", header.typeName);
  leaf(message, "Subject", header.subject);
  leaf(message, "Content", header.content);
  const signer = message.ele(NS, "edXML:SignerInfo");
  leaf(signer, "Position", header.signerPosition);
  leaf(signer, "FullName", header.signerFullName);

  const bound = attachments.map((attachment) => ({ ...attachment, contentId: randomUUID() }));
  const manifest = envelope.ele(NS, "edXML:edXMLBody").ele(NS, "edXML:edXMLManifest").att("version", "1.0");
  for (const attachment of bound) {
    const reference = manifest
      .ele(NS, "edXML:Reference")
      .att(XLINK_NAMESPACE, "xlink:href", `cid:${attachment.contentId}`)
      .att(XLINK_NAMESPACE, "xlink:type", "simple");
    leaf(reference, "Description", attachment.description);
    leaf(reference, "AttachmentName", attachment.name);
    leaf(reference, "ContentType", attachment.contentType);
    leaf(reference, "ContentId", `cid:${attachment.contentId}`);
  }
  if (bound.length > 0) {
    const encoded = root.ele(NS, "AttachmentEncoded");
    for (const attachment of bound) {
      const item = encoded.ele(NS, "Attachment");
      leaf(item, "ContentType", attachment.contentType);
      leaf(item, "ContentId", attachment.contentId);
      leaf(item, "Description", attachment.description);
      leaf(item, "ContentTransferEncoded", Buffer.from(attachment.content).toString("base64"));
      leaf(item, "AttachmentName", attachment.name);
    }
  }
  return Buffer.from(document.end({ prettyPrint: true }), "utf8");
}

function writeParty(element: XMLBuilder, party: TEdxmlParty): void {
  leaf(element, "OrganId", party.organId);
  leaf(element, "OrganName", party.organName);
}

function leaf(parent: XMLBuilder, name: string, value: string | undefined): void {
  parent.ele(NS, `edXML:${name}`).txt(value ?? "");
}
