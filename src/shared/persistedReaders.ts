// Readers for what the chat keeps between sessions (webview state, stored conversations). What
// comes back from storage may be from another version, hand-edited or corrupt: each reader checks
// field by field, drops what is bad, keeps what is good, and never throws. The webview renders
// only what these return, so a corrupt record cannot break the panel whatever the store let through.
import { API_IDS, type ApiId } from '../core/bedrock/apiId';
import { STOP_REASONS, type StopReason } from '../core/bedrock/chatEvent';
import { errorAction, isErrorActionId, isErrorKind } from '../core/bedrock/classifiedError';
import type { ChatParams, PersistedConversation, PersistedTurn, PersistedWebviewState, TurnStats, WireError, WireReasoning } from './protocol';
import { MAX_ID } from './webviewMessages';

const STOP_REASON_SET: ReadonlySet<string> = new Set(STOP_REASONS);
const STAT_FIGURES = ['timeToFirstTokenMs', 'inputTokens', 'outputTokens', 'tokensPerSecond', 'totalLatencyMs'] as const;

/** Webview state saved by any version: the current shape with every bad field dropped, or undefined for another version. */
export function readPersistedWebviewState(raw: unknown): PersistedWebviewState | undefined {
  try {
    if (!isRecord(raw) || raw.v !== 1) return undefined;
    const state: PersistedWebviewState = { v: 1, draft: typeof raw.draft === 'string' ? raw.draft : '' };
    if (isId(raw.conversationId)) state.conversationId = raw.conversationId;
    if (isId(raw.selectedModelId) && raw.selectedModelId.trim()) state.selectedModelId = raw.selectedModelId;
    if (isFiniteNumber(raw.scrollTop) && raw.scrollTop >= 0) state.scrollTop = raw.scrollTop;
    return state;
  } catch {
    return undefined;
  }
}

/**
 * A stored conversation as far as it can be read: undefined only when it is not a version-1
 * conversation with an id. Turns that are not a user or assistant message with text are dropped;
 * inside a good turn, unreadable reasoning blocks, figures or stop reasons are dropped and an
 * unreadable error is kept as a failed turn with a generic message.
 */
export function readStoredConversation(raw: unknown): PersistedConversation | undefined {
  try {
    if (!isRecord(raw) || raw.v !== 1 || !isId(raw.id)) return undefined;
    const conv: PersistedConversation = {
      v: 1,
      id: raw.id,
      title: typeof raw.title === 'string' ? raw.title : 'Untitled chat',
      createdAt: isFiniteNumber(raw.createdAt) ? raw.createdAt : 0,
      updatedAt: isFiniteNumber(raw.updatedAt) ? raw.updatedAt : 0,
      turns: Array.isArray(raw.turns) ? raw.turns.map(readTurn).filter((t): t is PersistedTurn => t !== undefined) : [],
    };
    if (isId(raw.modelId) && raw.modelId.trim()) conv.modelId = raw.modelId;
    if (typeof raw.system === 'string') conv.system = raw.system;
    const params = readParams(raw.params);
    if (params) conv.params = params;
    if (isApi(raw.api)) conv.api = raw.api;
    return conv;
  } catch {
    return undefined;
  }
}

function readTurn(raw: unknown): PersistedTurn | undefined {
  if (!isRecord(raw) || (raw.role !== 'user' && raw.role !== 'assistant') || typeof raw.text !== 'string') return undefined;
  const turn: PersistedTurn = { role: raw.role, text: raw.text };
  if (raw.role === 'user') return turn;
  if (Array.isArray(raw.reasoning)) turn.reasoning = raw.reasoning.map(readReasoning).filter((b): b is WireReasoning => b !== undefined);
  const stats = readStats(raw.stats);
  if (stats) turn.stats = stats;
  if (typeof raw.stopReason === 'string' && STOP_REASON_SET.has(raw.stopReason)) turn.stopReason = raw.stopReason as StopReason;
  if (raw.error !== undefined && raw.error !== null) turn.error = readError(raw.error);
  return turn;
}

function readReasoning(raw: unknown): WireReasoning | undefined {
  if (!isRecord(raw)) return undefined;
  const redacted = typeof raw.redactedBase64 === 'string' && raw.redactedBase64 ? raw.redactedBase64 : undefined;
  if (typeof raw.text !== 'string' && !redacted) return undefined;
  const block: WireReasoning = { text: typeof raw.text === 'string' ? raw.text : '' };
  if (typeof raw.signature === 'string' && raw.signature) block.signature = raw.signature;
  if (redacted) block.redactedBase64 = redacted;
  return block;
}

function readStats(raw: unknown): TurnStats | undefined {
  if (!isRecord(raw) || typeof raw.modelId !== 'string' || !isApi(raw.api)) return undefined;
  const stats: TurnStats = { modelId: raw.modelId, api: raw.api };
  for (const k of STAT_FIGURES) {
    const v = raw[k];
    if (isFiniteNumber(v) && v >= 0) stats[k] = v;
  }
  if (typeof raw.routeNote === 'string') stats.routeNote = raw.routeNote;
  return stats;
}

/** A turn marked as failed stays failed, even when what was stored about the failure is unreadable. */
function readError(raw: unknown): WireError {
  const r = isRecord(raw) ? raw : {};
  const action = isRecord(r.action) && isErrorActionId(r.action.id) && typeof r.action.label === 'string' ? { id: r.action.id, label: r.action.label } : undefined;
  const error: WireError = {
    // Chats saved before credential failures were one `credentials` kind stored them as `expiredCredentials`.
    kind: r.kind === 'expiredCredentials' ? 'credentials' : isErrorKind(r.kind) ? r.kind : 'serviceError',
    message: typeof r.message === 'string' && r.message ? r.message : 'This reply failed; the stored details could not be read.',
    action: action ?? errorAction('none'),
  };
  if (typeof r.detail === 'string' && r.detail) error.detail = r.detail;
  return error;
}

function readParams(raw: unknown): ChatParams | undefined {
  if (!isRecord(raw)) return undefined;
  const out: ChatParams = {};
  if (isFiniteNumber(raw.temperature) && raw.temperature >= 0) out.temperature = raw.temperature;
  if (isFiniteNumber(raw.topP) && raw.topP >= 0) out.topP = raw.topP;
  if (isFiniteNumber(raw.maxTokens) && Number.isInteger(raw.maxTokens) && raw.maxTokens >= 1) out.maxTokens = raw.maxTokens;
  return Object.keys(out).length ? out : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isApi(v: unknown): v is ApiId {
  return typeof v === 'string' && (API_IDS as readonly string[]).includes(v);
}
