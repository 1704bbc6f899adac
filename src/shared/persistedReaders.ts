// The reader for the webview's own saved state (draft, unsent chips, open conversation, scroll position). What
// comes back may be from another version, hand-edited or corrupt: it is checked field by field,
// bad fields are dropped, and it never throws. Stored conversations are read by `persistedRecords.ts`.
import { isPlainRecord } from '../core/schema';
import type { PersistedWebviewState } from './protocol';
import { isId } from './protocolValidation';
import { MAX_ATTACHMENTS, readAttachment, type WireAttachment } from './attachments';

/** Webview state saved by any version: the current shape with every bad field dropped, or undefined for another version. */
export function readPersistedWebviewState(raw: unknown): PersistedWebviewState | undefined {
  try {
    if (!isPlainRecord(raw) || raw.v !== 1) return undefined;
    const state: PersistedWebviewState = { v: 1, draft: typeof raw.draft === 'string' ? raw.draft : '' };
    if (isId(raw.conversationId)) state.conversationId = raw.conversationId;
    if (isId(raw.selectedModelId) && raw.selectedModelId.trim()) state.selectedModelId = raw.selectedModelId;
    if (isFiniteNumber(raw.scrollTop) && raw.scrollTop >= 0) state.scrollTop = raw.scrollTop;
    if (raw.agent === true) state.agent = true;
    // Each chip on its own: a malformed one is dropped, the others stay.
    const chips = Array.isArray(raw.attachments) ? raw.attachments.slice(0, MAX_ATTACHMENTS).map(readAttachment).filter((a): a is WireAttachment => typeof a !== 'string') : [];
    if (chips.length) state.attachments = chips;
    return state;
  } catch {
    return undefined;
  }
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
