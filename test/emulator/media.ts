// Images and documents in a request, on every path, checked the way Bedrock checks them: the
// block's shape and format, the model's input modalities, counts and sizes (Converse's numbers from
// the service model; 5 MB and 8,000 px for Anthropic bodies, as Anthropic documents). The reply then
// says what arrived, so tests can assert that the bytes reached the model. The exact wording of
// Bedrock's media errors is not published; these follow its ValidationException style.
import type { CatalogModel } from './catalog';
import { type ServiceError, validation } from './serviceError';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type MediaShape = 'converse' | 'anthropic' | 'chatCompletions' | 'responses';

export interface MediaItem {
  kind: 'image' | 'document';
  format: string;
  bytes: number;
  name?: string;
  /** Where it sat, e.g. `messages.0.content.1`. */
  at: string;
  width?: number;
  height?: number;
}

const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'];
const DOCUMENT_FORMATS = ['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md'];
const DOCUMENT_NAME = /^[A-Za-z0-9\-()[\]]+(\s[A-Za-z0-9\-()[\]]+)*$/;
export const DOCUMENT_NAME_MESSAGE =
  "The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one consecutive whitespace character.";

interface Limits {
  images: number;
  imageBytes: number;
  pixels: number;
  documents: number;
  documentBytes: number;
}
const CONVERSE: Limits = { images: 20, imageBytes: 3_750_000, pixels: 8000, documents: 5, documentBytes: 4_500_000 };
const ANTHROPIC: Limits = { images: 100, imageBytes: 5_000_000, pixels: 8000, documents: 100, documentBytes: 25_000_000 };

function base64Bytes(s: unknown, at: string, fail: (m: string) => ServiceError): Buffer {
  if (typeof s !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw fail(`${at}: Invalid base64 data.`);
  return Buffer.from(s, 'base64');
}

function dataUrl(url: unknown, at: string, fail: (m: string) => ServiceError): { mime: string; data: Buffer } {
  const m = typeof url === 'string' ? /^data:([\w.+/-]+);base64,(.*)$/s.exec(url) : null;
  if (!m) throw fail(`${at}: only base64 data URLs are supported.`);
  return { mime: m[1]!.toLowerCase(), data: base64Bytes(m[2], at, fail) };
}

function pixelSize(b: Buffer): { width: number; height: number } | undefined {
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length >= 10 && b.toString('latin1', 0, 4) === 'GIF8') return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 9 < b.length; ) {
      const marker = b[i + 1]!;
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      i += 2 + b.readUInt16BE(i + 2);
    }
  }
  return undefined;
}

const image = (format: string, data: Buffer, at: string): MediaItem => ({ kind: 'image', format, bytes: data.length, at, ...pixelSize(data) });

/** Every image and document block of the request's messages, checked for shape and format. */
export function collectMedia(shape: MediaShape, body: Json, fail: (m: string) => ServiceError = validation): MediaItem[] {
  const out: MediaItem[] = [];
  const list: Json[] = shape === 'responses' ? (Array.isArray(body.input) ? body.input : []) : Array.isArray(body.messages) ? body.messages : [];
  list.forEach((m, i) => {
    const blocks: Json[] = Array.isArray(m?.content) ? m.content : [];
    const hasText = blocks.some((b) => typeof b?.text === 'string' && b.text.trim());
    blocks.forEach((b, j) => {
      const at = `${shape === 'responses' ? 'input' : 'messages'}.${i}.content.${j}`;
      const before = out.length;
      if (shape === 'converse') {
        if (b?.image) {
          if (!IMAGE_FORMATS.includes(b.image.format)) throw fail(`${at}.image.format: must be one of ${IMAGE_FORMATS.join(', ')}.`);
          out.push(image(b.image.format, base64Bytes(b.image.source?.bytes, `${at}.image.source.bytes`, fail), at));
        } else if (b?.document) {
          const d = b.document;
          if (d.format !== undefined && !DOCUMENT_FORMATS.includes(d.format)) throw fail(`${at}.document.format: must be one of ${DOCUMENT_FORMATS.join(', ')}.`);
          if (typeof d.name !== 'string' || d.name.length < 1 || d.name.length > 200 || !DOCUMENT_NAME.test(d.name)) throw fail(DOCUMENT_NAME_MESSAGE);
          if (!hasText) throw fail('A message with a document must also contain a text block. Add a text block and try again.');
          out.push({ kind: 'document', format: d.format ?? 'txt', name: d.name, bytes: base64Bytes(d.source?.bytes, `${at}.document.source.bytes`, fail).length, at });
        }
      } else if (shape === 'anthropic') {
        if (b?.type === 'image') {
          const format = String(b.source?.media_type ?? '').replace(/^image\//, '');
          if (b.source?.type !== 'base64' || !IMAGE_FORMATS.includes(format)) throw fail(`${at}.source: expected a base64 source with media_type image/jpeg, image/png, image/gif or image/webp.`);
          out.push(image(format, base64Bytes(b.source.data, `${at}.source.data`, fail), at));
        } else if (b?.type === 'document') {
          const s = b.source ?? {};
          if (s.type === 'base64' && s.media_type === 'application/pdf') out.push({ kind: 'document', format: 'pdf', name: b.title, bytes: base64Bytes(s.data, `${at}.source.data`, fail).length, at });
          else if (s.type === 'text' && s.media_type === 'text/plain' && typeof s.data === 'string') out.push({ kind: 'document', format: 'txt', name: b.title, bytes: Buffer.byteLength(s.data), at });
          else throw fail(`${at}.source: expected a base64 application/pdf source or a text/plain text source.`);
        }
      } else if (shape === 'chatCompletions') {
        if (b?.type === 'image_url') {
          const { mime, data } = dataUrl(b.image_url?.url, `${at}.image_url.url`, fail);
          const format = mime.replace(/^image\//, '');
          if (!IMAGE_FORMATS.includes(format)) throw fail(`${at}: unsupported image type ${mime}.`);
          out.push(image(format, data, at));
        } else if (b?.type === 'file' || b?.type === 'input_file') throw fail(`${at}: file content parts are not supported on this endpoint.`);
      } else if (b?.type === 'input_image') {
        const { mime, data } = dataUrl(b.image_url, `${at}.image_url`, fail);
        const format = mime.replace(/^image\//, '');
        if (!IMAGE_FORMATS.includes(format)) throw fail(`${at}: unsupported image type ${mime}.`);
        out.push(image(format, data, at));
      } else if (b?.type === 'input_file') {
        const { mime, data } = dataUrl(b.file_data, `${at}.file_data`, fail);
        if (mime !== 'application/pdf') throw fail(`${at}: only PDF files are supported, got ${mime}.`);
        out.push({ kind: 'document', format: 'pdf', name: b.filename, bytes: data.length, at });
      }
      if (out.length > before && m.role !== 'user') throw fail(`${at}: images and documents are only allowed in user messages.`);
    });
  });
  return out;
}

/** The model takes this media at all, and the request is within the path's limits. */
export function checkMedia(model: CatalogModel, items: MediaItem[], shape: MediaShape, fail: (m: string) => ServiceError = validation): void {
  if (!items.length) return;
  const images = items.filter((i) => i.kind === 'image');
  const documents = items.filter((i) => i.kind === 'document');
  if (images.length && !model.inputModalities.includes('IMAGE')) throw fail("This model doesn't support the image content block that you provided. Try again with a model that supports images.");
  if (documents.length && model.documentChat === false) throw fail("This model doesn't support the document content block that you provided. Try again with a model that supports documents.");
  const l = shape === 'anthropic' ? ANTHROPIC : CONVERSE;
  if (images.length > l.images) throw fail(`Too many images: ${images.length} were provided; the maximum is ${l.images}.`);
  if (documents.length > l.documents) throw fail(`Too many documents: ${documents.length} were provided; the maximum is ${l.documents}.`);
  for (const i of images) {
    if (i.bytes > l.imageBytes) throw fail(`${i.at}: image exceeds ${l.imageBytes / 1_000_000} MB maximum: ${i.bytes} bytes > ${l.imageBytes} bytes`);
    if (Math.max(i.width ?? 0, i.height ?? 0) > l.pixels) throw fail(`${i.at}: image dimensions exceed max allowed size: ${l.pixels} pixels`);
  }
  for (const d of documents) if (d.bytes > l.documentBytes) throw fail(`${d.at}: document exceeds ${l.documentBytes / 1_000_000} MB maximum: ${d.bytes} bytes > ${l.documentBytes} bytes`);
}

/** One line for the reply: what arrived, so a test can see the bytes reached the model. */
export function mediaNote(items: MediaItem[]): string | undefined {
  if (!items.length) return undefined;
  const parts = items.map((i) =>
    i.kind === 'image' ? `image ${i.format} ${i.bytes} bytes${i.width ? ` ${i.width}x${i.height}` : ''}` : `document ${i.format}${i.name ? ` "${i.name}"` : ''} ${i.bytes} bytes`,
  );
  return `Received ${parts.join('; ')}.`;
}

/** Collects, checks and describes a request's media in one call (what every route does). */
export function acceptMedia(model: CatalogModel, shape: MediaShape, body: Json, fail: (m: string) => ServiceError = validation): string | undefined {
  const items = collectMedia(shape, body, fail);
  checkMedia(model, items, shape, fail);
  return mediaNote(items);
}
