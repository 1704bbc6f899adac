// What the chat may attach and how each file reaches the model: images as image blocks, the nine
// document formats Bedrock takes as document blocks, any other UTF-8 text inline in the message.
// Credential files and oversized files are refused with a message naming the file; the host adds
// the workspace check (it knows the folders). Pure: names and bytes in, a decision out.
import {
  DOCUMENT_FORMATS,
  documentFormatOfName,
  formatBytes,
  imageFormatOfName,
  isUtf8Text,
  looksLikeDocument,
  sniffImageFormat,
  type DocumentFormat,
  type ImageFormat,
} from '../../bedrock/adapters/mediaFormats';
import { CONVERSE_LIMITS } from '../../bedrock/routing/mediaSupport';
import type { AttachmentKind } from '../../../shared/attachments';

/** Images as sent: Converse's per-image limit, so every image chip can go through the default route. */
export const MAX_IMAGE_BYTES = CONVERSE_LIMITS.maxImageBytes;
/** An image the webview will downscale may be larger when picked; beyond this it is refused outright. */
export const MAX_IMAGE_SOURCE_BYTES = 50_000_000;
export const MAX_DOCUMENT_BYTES = CONVERSE_LIMITS.maxDocumentBytes;
/** Text inlined in a message: about 125,000 tokens, more than most models' whole context. */
export const MAX_TEXT_BYTES = 500_000;

export type Classified = { kind: 'image'; format: ImageFormat } | { kind: 'document'; format: DocumentFormat } | { kind: 'text'; format: string };

const CREDENTIAL_NAMES = new Set([
  '.env',
  'credentials',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.git-credentials',
  '.dockercfg',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ed25519',
  '.htpasswd',
  'secrets.json',
  'secrets.yaml',
  'secrets.yml',
]);
const CREDENTIAL_EXTENSIONS = ['.pem', '.key', '.p12', '.pfx', '.jks', '.keystore', '.kdbx', '.ppk', '.asc', '.gpg'];
const CREDENTIAL_FOLDERS = ['.aws', '.ssh', '.gnupg', '.docker', '.kube', '.azure', '.config/gcloud'];

/**
 * Why this path looks like it holds credentials (and is never sent to a model), or undefined.
 * Checked on the path's own segments, so `.aws/config`, `.env.local` and `deploy.pem` are caught
 * wherever they sit.
 */
export function credentialFileReason(path: string): string | undefined {
  const segments = path.replace(/\\/g, '/').split('/').filter(Boolean);
  const base = (segments[segments.length - 1] ?? '').toLowerCase();
  const folders = segments.slice(0, -1).join('/').toLowerCase();
  if (CREDENTIAL_NAMES.has(base) || base.startsWith('.env.') || /^id_[a-z0-9]+$/.test(base)) return `${base} is a credentials file`;
  if (CREDENTIAL_EXTENSIONS.some((e) => base.endsWith(e))) return `${base} looks like a key or certificate`;
  const folder = CREDENTIAL_FOLDERS.find((f) => `/${folders}/`.includes(`/${f}/`));
  if (folder) return `${base} is in ${folder}, where credentials are kept`;
  return undefined;
}

/** Fence tag for a text file, from its extension (the model reads it inside a code fence). */
export function fenceTagOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  return /^[\w#+.-]{1,20}$/.test(ext) ? ext : 'text';
}

const KINDS_TEXT = `images (PNG, JPEG, GIF, WebP), documents (${DOCUMENT_FORMATS.map((f) => f.toUpperCase()).join(', ')}) and text files`;

/**
 * How `name` with these bytes would be attached, or a sentence saying why not. `pickedImage`
 * allows an image above the sending limit (the webview downscales it before it is attached).
 */
export function classifyAttachment(name: string, bytes: Uint8Array, opts: { pickedImage?: boolean } = {}): Classified | string {
  const credential = credentialFileReason(name);
  if (credential) return `${credential}; the chat never attaches credentials.`;
  const image = sniffImageFormat(bytes);
  if (image) {
    const limit = opts.pickedImage ? MAX_IMAGE_SOURCE_BYTES : MAX_IMAGE_BYTES;
    if (bytes.byteLength > limit) return `${name} is ${formatBytes(bytes.byteLength)}; images can be at most ${formatBytes(limit)}${opts.pickedImage ? '' : ' after downscaling'}.`;
    return { kind: 'image', format: image };
  }
  if (imageFormatOfName(name)) return `${name} is not a PNG, JPEG, GIF or WebP image (its bytes say otherwise).`;
  const doc = documentFormatOfName(name);
  if (doc) {
    if (bytes.byteLength > MAX_DOCUMENT_BYTES) return `${name} is ${formatBytes(bytes.byteLength)}; Bedrock takes documents up to ${formatBytes(MAX_DOCUMENT_BYTES)}.`;
    if (!looksLikeDocument(doc, bytes)) return `${name} is not a ${doc.toUpperCase()} file (its bytes say otherwise).`;
    return { kind: 'document', format: doc };
  }
  if (isUtf8Text(bytes)) {
    if (bytes.byteLength > MAX_TEXT_BYTES) return `${name} is ${formatBytes(bytes.byteLength)} of text; the chat attaches text files up to ${formatBytes(MAX_TEXT_BYTES)}. Attach the part you need as a selection.`;
    return { kind: 'text', format: fenceTagOf(name) };
  }
  return `${name} is not a file the chat can attach: it takes ${KINDS_TEXT}.`;
}

/** The size check alone, before reading a file: a huge one is refused without loading it. */
export function sizeRefusal(name: string, size: number): string | undefined {
  const max = imageFormatOfName(name) ? MAX_IMAGE_SOURCE_BYTES : documentFormatOfName(name) ? MAX_DOCUMENT_BYTES : MAX_TEXT_BYTES;
  return size > max ? `${name} is ${formatBytes(size)}; the chat attaches files up to ${formatBytes(max)} of this kind.` : undefined;
}

export type { AttachmentKind };
