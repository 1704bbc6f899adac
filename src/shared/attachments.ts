// Attachments as the chat keeps them: a reference to the bytes (a workspace file, or a SHA-256 in
// the extension's content store), never the bytes themselves, so a conversation in storage stays
// small. Plain data and one pure reader, shared by both bundles and the stored-history schema.

/** How an attachment reaches the model: an image block, a document block, or text in the message. */
export type AttachmentKind = 'image' | 'document' | 'text';

/** Where an attachment's bytes live. */
export type AttachmentSource =
  /** A file in the workspace, re-read (and re-checked) each time the conversation is sent. */
  | { uri: string }
  /** Bytes kept in the extension's content store under their SHA-256 (pasted images, selections, dropped files). */
  | { sha256: string };

export interface WireAttachment {
  /** Unique within the conversation; the chip's key. */
  id: string;
  kind: AttachmentKind;
  /** File name as the user knows it, or what was attached ("selection in app.ts"). */
  name: string;
  /** image: png, jpeg, gif, webp; document: pdf, csv, doc, docx, xls, xlsx, html, txt, md; text: a fence language tag. */
  format: string;
  /** Bytes, as sent. */
  size: number;
  source: AttachmentSource;
  /** One line shown on the chip, e.g. "downscaled from 9,000 x 6,000 px" or "lines 3–9". */
  note?: string;
}

/** Most attachments one message may carry (Converse takes 20 images and 5 documents per request). */
export const MAX_ATTACHMENTS = 25;
/** Longest base64 text one `attach/data` may carry: a 4.5 MB document, with room to spare. */
export const MAX_ATTACHMENT_BASE64 = 8_000_000;

const KINDS: readonly string[] = ['image', 'document', 'text'];
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shortText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** A well-formed copy of one attachment reference, or a sentence naming what was wrong. */
export function readAttachment(v: unknown): WireAttachment | string {
  if (!isRecord(v)) return 'an attachment is not an object';
  if (!shortText(v.id, 200)) return 'an attachment has no id';
  if (typeof v.kind !== 'string' || !KINDS.includes(v.kind)) return 'an attachment is not an image, document or text';
  if (!shortText(v.name, 500)) return 'an attachment has no name';
  if (!shortText(v.format, 64) || !/^[\w#+.-]+$/.test(v.format)) return `the attachment ${v.name} has no format`;
  if (typeof v.size !== 'number' || !Number.isInteger(v.size) || v.size < 0) return `the attachment ${v.name} has no size`;
  const s = v.source;
  let source: AttachmentSource;
  if (isRecord(s) && shortText(s.uri, 8192)) source = { uri: s.uri };
  else if (isRecord(s) && typeof s.sha256 === 'string' && /^[0-9a-f]{64}$/.test(s.sha256)) source = { sha256: s.sha256 };
  else return `the attachment ${v.name} says neither a file nor a stored copy`;
  const out: WireAttachment = { id: v.id, kind: v.kind as AttachmentKind, name: v.name, format: v.format, size: v.size, source };
  if (v.note !== undefined) {
    if (!shortText(v.note, 200)) return `the attachment ${v.name} has a malformed note`;
    out.note = v.note;
  }
  return out;
}

/** A list of attachment references, or what was wrong with it. */
export function readAttachments(v: unknown): WireAttachment[] | string {
  if (!Array.isArray(v)) return 'attachments is not a list';
  if (v.length > MAX_ATTACHMENTS) return `a message carries at most ${MAX_ATTACHMENTS} attachments`;
  const out: WireAttachment[] = [];
  for (const a of v) {
    const r = readAttachment(a);
    if (typeof r === 'string') return r;
    out.push(r);
  }
  return out;
}
