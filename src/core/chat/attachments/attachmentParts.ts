// Attachments back to what the model receives: each reference is read (a workspace file or the
// content store), checked again — stored files may have changed or be hostile — and turned into an
// image block, a document block, or text inline in the message.
import type { ContentPart } from '../../bedrock/adapters/chatRequest';
import type { WireAttachment } from '../../../shared/attachments';
import { classifyAttachment } from './attachmentPolicy';

export interface AttachmentReader {
  /** The attachment's bytes; throws an Error saying why they cannot be read. */
  read(attachment: WireAttachment): Promise<Uint8Array>;
}

export interface ResolvedAttachments {
  parts: ContentPart[];
  /** One sentence per attachment that could not be used, naming it. */
  missing: string[];
}

/** A fence longer than any run of backticks in the text, so the text cannot close it early. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  return '`'.repeat(longest + 1);
}

/** A text attachment as the model reads it: its name (and note) above a fenced copy. */
export function inlineText(a: Pick<WireAttachment, 'name' | 'format' | 'note'>, text: string): string {
  const fence = fenceFor(text);
  return `Attached ${a.name}${a.note ? ` (${a.note})` : ''}:\n${fence}${a.format}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}`;
}

export async function resolveAttachments(attachments: readonly WireAttachment[], reader: AttachmentReader): Promise<ResolvedAttachments> {
  const parts: ContentPart[] = [];
  const missing: string[] = [];
  for (const a of attachments) {
    let bytes: Uint8Array;
    try {
      bytes = await reader.read(a);
    } catch (e) {
      missing.push(`${a.name}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const c = classifyAttachment(a.name, bytes);
    if (typeof c === 'string') {
      missing.push(`${a.name}: ${c}`);
      continue;
    }
    if (c.kind !== a.kind) {
      missing.push(`${a.name}: it is no longer ${a.kind === 'image' ? 'an image' : `a ${a.kind} file`}`);
      continue;
    }
    if (c.kind === 'image') parts.push({ type: 'image', format: c.format, data: bytes });
    else if (c.kind === 'document') parts.push({ type: 'document', format: c.format, name: a.name, data: bytes });
    else parts.push({ type: 'text', text: inlineText(a, new TextDecoder().decode(bytes)) });
  }
  return { parts, missing };
}
