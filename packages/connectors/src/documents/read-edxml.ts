import { SaxesParser } from "saxes";
import { DocumentError, documentError } from "./document-error";
import { documentFromHeader, type TDocumentRecord, type TEdxmlHeader, type TEdxmlParty } from "./document-record";
import { EDXML_MAX_BYTES, EDXML_MAX_LABEL, EDXML_NAMESPACE } from "./edxml-format";

export interface TEdxmlAttachment {
  name: string;
  contentType?: string;
  /** The file as the package carries it (ContentTransferEncoded), when it does. */
  contentBase64?: string;
}

export interface TEdxmlPackage {
  header: TEdxmlHeader;
  attachments: TEdxmlAttachment[];
}

interface TElement {
  uri: string;
  local: string;
  children: TElement[];
  text: string;
}

/**
 * Reads an edXML package (QCVN 102:2016/BTTTT). The parser (saxes) never loads external
 * entities or DTDs; on top of that any DOCTYPE is refused outright, so neither an external
 * entity (XXE, a local file) nor an internal one (entity expansion) can ever be resolved.
 */
export function readEdxml(bytes: Uint8Array): TEdxmlPackage {
  if (bytes.byteLength === 0) throw documentError("EDXML_EMPTY");
  if (bytes.byteLength > EDXML_MAX_BYTES) throw documentError("EDXML_TOO_LARGE", { max: EDXML_MAX_LABEL });
  const root = parseXml(decodeUtf8(bytes));
  if (root.uri !== EDXML_NAMESPACE) throw documentError("EDXML_NOT_EDXML", { namespace: EDXML_NAMESPACE });
  // Packages wrap the envelope in <edXML>; some older senders make the envelope the root.
  const envelope = root.local === "edXMLEnvelope" ? root : child(root, "edXMLEnvelope");
  const messageHeader = envelope && child(child(envelope, "edXMLHeader"), "MessageHeader");
  if (!envelope || !messageHeader) throw documentError("EDXML_MISSING_FIELDS", { fields: "edXMLEnvelope/edXMLHeader/MessageHeader" });
  return { header: readHeader(messageHeader), attachments: readAttachments(root, envelope) };
}

/** An edXML package as the document it carries, ready to link; refuses bad input with a precise DocumentError. */
export function importEdxml(bytes: Uint8Array): TDocumentRecord {
  const { header, attachments } = readEdxml(bytes);
  return documentFromHeader(
    header,
    attachments.map((a) => a.name),
  );
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw documentError("EDXML_NOT_UTF8");
  }
}

function parseXml(text: string): TElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: TElement[] = [];
  let root: TElement | undefined;
  parser.on("doctype", () => {
    throw documentError("EDXML_DOCTYPE_FORBIDDEN");
  });
  parser.on("opentag", (tag) => {
    const element: TElement = { uri: tag.uri ?? "", local: tag.local ?? tag.name, children: [], text: "" };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on("text", (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on("cdata", (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on("closetag", () => void stack.pop());
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw documentError("EDXML_NOT_XML", { line: parser.line, column: parser.column });
  }
  return root!;
}

function child(parent: TElement | undefined, local: string): TElement | undefined {
  return parent?.children.find((c) => c.local === local && c.uri === EDXML_NAMESPACE);
}

function children(parent: TElement | undefined, local: string): TElement[] {
  return parent?.children.filter((c) => c.local === local && c.uri === EDXML_NAMESPACE) ?? [];
}

/** An element's text with runs of white space (line breaks in long subjects) made single spaces; empty reads as absent. */
function text(element: TElement | undefined): string | undefined {
  return element?.text.replace(/\s+/g, " ").trim() || undefined;
}

function party(element: TElement | undefined): TEdxmlParty {
  return { organId: text(child(element, "OrganId")), organName: text(child(element, "OrganName")) };
}

function readHeader(header: TElement): TEdxmlHeader {
  const code = child(header, "Code");
  const promulgation = child(header, "PromulgationInfo");
  const signer = child(header, "SignerInfo");
  return {
    from: party(child(header, "From")),
    to: children(header, "To")
      .map(party)
      .filter((p) => p.organId || p.organName),
    codeNumber: text(child(code, "CodeNumber")),
    codeNotation: text(child(code, "CodeNotation")),
    place: text(child(promulgation, "Place")),
    promulgationDate: text(child(promulgation, "PromulgationDate")),
    typeName: text(child(child(header, "DocumentType"), "TypeName")),
    subject: text(child(header, "Subject")),
    content: text(child(header, "Content")),
    signerFullName: text(child(signer, "FullName")),
    signerPosition: text(child(signer, "Position")),
  };
}

const withoutCid = (id: string | undefined) => id?.replace(/^cid:/, "");

/** Names from the manifest (edXMLBody/edXMLManifest/Reference), content from AttachmentEncoded matched by ContentId. */
function readAttachments(root: TElement, envelope: TElement): TEdxmlAttachment[] {
  const encoded = children(child(root, "AttachmentEncoded"), "Attachment").map((a) => ({
    contentId: withoutCid(text(child(a, "ContentId"))),
    name: text(child(a, "AttachmentName")),
    contentType: text(child(a, "ContentType")),
    contentBase64: child(a, "ContentTransferEncoded")?.text.replace(/\s+/g, ""),
  }));
  const references = children(child(child(envelope, "edXMLBody"), "edXMLManifest"), "Reference").map((r) => ({
    contentId: withoutCid(text(child(r, "ContentId"))),
    name: text(child(r, "AttachmentName")),
    contentType: text(child(r, "ContentType")),
  }));
  const listed = references.length > 0 ? references : encoded;
  return listed.flatMap(({ contentId, name, contentType }) => {
    const body = encoded.find((e) => e.contentId === contentId && contentId !== undefined);
    const attachmentName = name ?? body?.name;
    if (!attachmentName) return [];
    return [{ name: attachmentName, contentType: contentType ?? body?.contentType, contentBase64: body?.contentBase64 || undefined }];
  });
}
