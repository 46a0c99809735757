import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import type { Db } from "@diemcau/db";
import { type TMaterialExtractAttachmentJob, ZMaterialExtractAttachmentJobSchema } from "@diemcau/protocol";
import type { Storage } from "@diemcau/storage";

const run = promisify(execFile);

/** Text kept for search from one document (a long report still fits; a scanned book is cut). */
export const MAX_ATTACHMENT_TEXT_CHARS = 1_000_000;
const PDFTOTEXT_TIMEOUT_MS = 120_000;

export type ExtractAttachmentResult = { extracted: boolean; chars: number };

/**
 * The material.extract-attachment job: reads an attached PDF's text with Debian's pdftotext
 * (poppler-utils) into MaterialAttachment.text, whose generated vector makes it searchable. A file
 * pdftotext cannot read is marked FAILED (ATTACHMENT_UNREADABLE) for good: retrying cannot help.
 * A scan without a text layer gives an empty text, which is not an error.
 */
export async function extractAttachment(deps: { db: Db; media: Storage }, payload: TMaterialExtractAttachmentJob): Promise<ExtractAttachmentResult> {
  const { attachmentId } = ZMaterialExtractAttachmentJobSchema.parse(payload);
  const attachment = await deps.db.materialAttachment.findUnique({ where: { id: attachmentId }, select: { storageKey: true } });
  if (!attachment) return { extracted: false, chars: 0 };
  const dir = await mkdtemp(join(tmpdir(), "diemcau-attachment-"));
  try {
    const file = join(dir, "document.pdf");
    await pipeline(await deps.media.getStream(attachment.storageKey), createWriteStream(file));
    let text: string;
    try {
      ({ stdout: text } = await run("pdftotext", ["-enc", "UTF-8", "-q", file, "-"], { maxBuffer: 64 * 1024 * 1024, timeout: PDFTOTEXT_TIMEOUT_MS }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw error; // pdftotext missing: the operator must install it
      await deps.db.materialAttachment.update({ where: { id: attachmentId }, data: { status: "FAILED", errorCode: "ATTACHMENT_UNREADABLE" } });
      return { extracted: false, chars: 0 };
    }
    const clean = text.replace(/\f/g, "\n").replace(/[ \t]+\n/g, "\n").trim().slice(0, MAX_ATTACHMENT_TEXT_CHARS);
    await deps.db.materialAttachment.update({ where: { id: attachmentId }, data: { status: "READY", text: clean, errorCode: null } });
    return { extracted: true, chars: clean.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
