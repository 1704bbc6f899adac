// Image and document formats as Bedrock names them, how to recognise them from a file name and
// from their bytes, and the few header fields the limit checks need (pixel size). Pure functions
// on bytes: the host, the router and the tests share them.

export const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** The document formats Converse's DocumentBlock takes. */
export const DOCUMENT_FORMATS = ['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Documents whose bytes are UTF-8 text, so an API with a plain-text document source can carry them. */
export const TEXT_DOCUMENT_FORMATS: readonly DocumentFormat[] = ['csv', 'html', 'txt', 'md'];

export const IMAGE_MIME: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

export const DOCUMENT_MIME: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html',
  txt: 'text/plain',
  md: 'text/markdown',
};

const IMAGE_EXT: Record<string, ImageFormat> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', webp: 'webp' };
const DOCUMENT_EXT: Record<string, DocumentFormat> = {
  pdf: 'pdf',
  csv: 'csv',
  doc: 'doc',
  docx: 'docx',
  xls: 'xls',
  xlsx: 'xlsx',
  html: 'html',
  htm: 'html',
  txt: 'txt',
  md: 'md',
  markdown: 'md',
};

function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function imageFormatOfName(name: string): ImageFormat | undefined {
  return IMAGE_EXT[extensionOf(name)];
}

export function documentFormatOfName(name: string): DocumentFormat | undefined {
  return DOCUMENT_EXT[extensionOf(name)];
}

export function imageFormatOfMime(mime: string): ImageFormat | undefined {
  const m = mime.toLowerCase();
  return (Object.keys(IMAGE_MIME) as ImageFormat[]).find((f) => IMAGE_MIME[f] === m) ?? (m === 'image/jpg' ? 'jpeg' : undefined);
}

const starts = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** The image format the bytes actually are, whatever the name says. */
export function sniffImageFormat(b: Uint8Array): ImageFormat | undefined {
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(b, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return undefined;
}

/** Whether the bytes can be a document of this format (binary formats by signature, text ones by UTF-8). */
export function looksLikeDocument(format: DocumentFormat, b: Uint8Array): boolean {
  switch (format) {
    case 'pdf':
      return starts(b, [0x25, 0x50, 0x44, 0x46]); // %PDF
    case 'docx':
    case 'xlsx':
      return starts(b, [0x50, 0x4b, 0x03, 0x04]); // a zip container
    case 'doc':
    case 'xls':
      return starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // OLE compound file
    default:
      return isUtf8Text(b);
  }
}

/** Valid UTF-8 with no NUL bytes: what a text attachment must be. */
export function isUtf8Text(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** Pixel size from the image header, or undefined when the header is not one this reads. */
export function imageSize(b: Uint8Array): { width: number; height: number } | undefined {
  const fmt = sniffImageFormat(b);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  try {
    if (fmt === 'png') return { width: dv.getUint32(16), height: dv.getUint32(20) };
    if (fmt === 'gif') return { width: dv.getUint16(6, true), height: dv.getUint16(8, true) };
    if (fmt === 'webp') return webpSize(b, dv);
    if (fmt === 'jpeg') return jpegSize(b, dv);
  } catch {
    return undefined;
  }
  return undefined;
}

function webpSize(b: Uint8Array, dv: DataView): { width: number; height: number } | undefined {
  const chunk = String.fromCharCode(b[12], b[13], b[14], b[15]);
  if (chunk === 'VP8X') return { width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
  if (chunk === 'VP8L') {
    const bits = dv.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: dv.getUint16(26, true) & 0x3fff, height: dv.getUint16(28, true) & 0x3fff };
  return undefined;
}

function jpegSize(b: Uint8Array, dv: DataView): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    const len = dv.getUint16(i + 2);
    // Start-of-frame markers carry the size; C4 (huffman), C8 and CC (arithmetic tables) do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: dv.getUint16(i + 5), width: dv.getUint16(i + 7) };
    i += 2 + len;
  }
  return undefined;
}

/**
 * A document name Bedrock accepts: alphanumerics, single spaces, hyphens, parentheses and square
 * brackets, 1 to 200 characters. The name is shown to the model, so only the file's base name
 * (no extension, no folders) goes in.
 */
export function documentName(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '');
  const cleaned = base
    .replace(/[^A-Za-z0-9\s\-()[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
    .trim();
  return cleaned || 'document';
}

/** A byte count as people read it: "3.75 MB", "812 KB". Decimal units, as Bedrock states its limits. */
export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 2 })} MB`;
  if (n >= 1_000) return `${Math.round(n / 1_000).toLocaleString('en-US')} KB`;
  return `${n} bytes`;
}
