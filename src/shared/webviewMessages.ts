// The host's gate for everything the webview posts. Pure (no vscode, no DOM), so it runs in the
// host and in node tests alike. A message that fails the gate is never acted on; when it still
// carries a recognisable `chat/send` requestId, the host answers it with a `chat/error` naming
// what was wrong, so the webview never waits for a reply that will not come.
import { API_IDS, type ApiId } from '../core/bedrock/catalog/apiId';
import { isErrorActionId } from '../core/bedrock/errors/classifiedError';
import { isSafeLinkHref } from './links';
import type { ChatParams, ChatSendMessage, CodeInsertMessage, CodeOpenInNewFileMessage, WebviewToHostMessage } from './protocol';

/** Longest user message the host accepts (characters); far above any model's context. */
export const MAX_TEXT = 2_000_000;
/** Longest id (request, conversation, model ARN) the host accepts. */
export const MAX_ID = 2048;

/** A message that failed the gate: what was wrong, and enough to answer it if it asked for a reply. */
export interface RejectedWebviewMessage {
  /** The message's `method` when it had a string one (for grouping log lines), else `unknown`. */
  method: string;
  /** What was wrong, naming the field; never quotes the payload. */
  problem: string;
  /** The `requestId` of a rejected `chat/send` when it was itself well formed: that request gets a `chat/error`. */
  requestId?: string;
}

export type CheckedWebviewMessage = { ok: true; message: WebviewToHostMessage } | ({ ok: false } & RejectedWebviewMessage);

/**
 * Checks a message from the webview. Returns a fresh, well-typed copy holding only the known
 * fields, or what was wrong (unknown method, wrong or missing field types, oversized text, unsafe
 * link, blank model id). Never throws.
 */
export function checkWebviewMessage(raw: unknown): CheckedWebviewMessage {
  let method = 'unknown';
  let requestId: string | undefined;
  try {
    if (!isRecord(raw)) return { ok: false, method, problem: 'the message is not an object' };
    // The method names the log line, so only a plain word is echoed.
    if (typeof raw.method === 'string' && /^[\w/.-]{1,64}$/.test(raw.method)) method = raw.method;
    if (method === 'chat/send' && isId(raw.requestId)) requestId = raw.requestId;
    const result = check(raw);
    return typeof result === 'string' ? { ok: false, method, problem: result, ...(requestId ? { requestId } : {}) } : { ok: true, message: result };
  } catch {
    // Only a hostile getter or proxy can throw here; the contract is "refuse", never "crash".
    return { ok: false, method, problem: 'the message could not be read', ...(requestId ? { requestId } : {}) };
  }
}

/** The checked message, or `undefined` when it failed the gate. Never throws. */
export function validateWebviewMessage(raw: unknown): WebviewToHostMessage | undefined {
  const checked = checkWebviewMessage(raw);
  return checked.ok ? checked.message : undefined;
}

/** A well-formed message, or a sentence saying what was wrong with it. */
function check(m: Record<string, unknown>): WebviewToHostMessage | string {
  if (typeof m.method !== 'string') return 'it has no method';
  switch (m.method) {
    case 'webview/ready':
      return { method: 'webview/ready' };
    case 'chat/send':
      return checkSend(m);
    case 'chat/cancel':
      return isId(m.requestId) ? { method: 'chat/cancel', requestId: m.requestId } : idProblem('requestId', m.requestId);
    case 'error/action':
      if (!isId(m.requestId)) return idProblem('requestId', m.requestId);
      if (!isErrorActionId(m.actionId)) return 'actionId is not a known error action';
      return { method: 'error/action', requestId: m.requestId, actionId: m.actionId };
    case 'link/open':
      return typeof m.href === 'string' && isSafeLinkHref(m.href) ? { method: 'link/open', href: m.href } : 'href is not an absolute http, https or mailto link';
    case 'code/copy':
      return isText(m.code) ? { method: 'code/copy', code: m.code } : textProblem('code', m.code);
    case 'code/insert':
    case 'code/openInNewFile': {
      if (!isText(m.code)) return textProblem('code', m.code);
      if (m.language !== undefined && !isLanguage(m.language)) return 'language is not a fence language tag';
      const out: CodeInsertMessage | CodeOpenInNewFileMessage = { method: m.method, code: m.code };
      if (m.language !== undefined) out.language = m.language as string;
      return out;
    }
    case 'models/list':
      return { method: 'models/list' };
    case 'models/select':
      return isModelId(m.modelId) ? { method: 'models/select', modelId: m.modelId } : idProblem('modelId', m.modelId);
    case 'history/list':
      return { method: 'history/list' };
    case 'history/open':
    case 'history/delete':
    case 'history/new':
      return isId(m.conversationId) ? { method: m.method, conversationId: m.conversationId } : idProblem('conversationId', m.conversationId);
    case 'editor/focus':
      return { method: 'editor/focus' };
    default:
      return 'its method is not one the chat panel knows';
  }
}

function checkSend(m: Record<string, unknown>): ChatSendMessage | string {
  if (!isId(m.requestId)) return idProblem('requestId', m.requestId);
  if (!isId(m.conversationId)) return idProblem('conversationId', m.conversationId);
  if (!isText(m.text)) return textProblem('the message', m.text);
  const out: ChatSendMessage = { method: 'chat/send', requestId: m.requestId, conversationId: m.conversationId, text: m.text };
  if (m.modelId !== undefined) {
    if (!isModelId(m.modelId)) return idProblem('the model id', m.modelId);
    out.modelId = m.modelId;
  }
  if (m.replaceFromTurn !== undefined) {
    if (!isIndex(m.replaceFromTurn)) return 'replaceFromTurn is not a turn index';
    out.replaceFromTurn = m.replaceFromTurn;
  }
  if (m.system !== undefined) {
    if (!isText(m.system)) return textProblem('the system prompt', m.system);
    out.system = m.system;
  }
  if (m.params !== undefined) {
    const params = readParams(m.params);
    if (!params) return 'the temperature, max tokens or top-p value is out of range';
    out.params = params;
  }
  if (m.api !== undefined) {
    if (typeof m.api !== 'string' || !(API_IDS as readonly string[]).includes(m.api)) return 'the API override is not a known Bedrock API';
    out.api = m.api as ApiId;
  }
  return out;
}

function idProblem(name: string, v: unknown): string {
  if (typeof v !== 'string') return `${name} is missing or not a string`;
  if (!v.trim()) return `${name} is empty`;
  return `${name} is longer than ${MAX_ID.toLocaleString('en-US')} characters`;
}

function textProblem(name: string, v: unknown): string {
  if (typeof v !== 'string') return `${name} is missing or not a string`;
  return `${name} is ${v.length.toLocaleString('en-US')} characters, more than the ${MAX_TEXT.toLocaleString('en-US')} the chat accepts; shorten it and send again`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;
}

/** A model id names something: blank or whitespace-only is never one. */
function isModelId(v: unknown): v is string {
  return isId(v) && v.trim().length > 0;
}

/** Message text and code blocks may be empty (an empty fence still has buttons) but not unbounded. */
function isText(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_TEXT;
}

/** Fence info strings are short words like `ts` or `c++`; anything else is not a language. */
function isLanguage(v: unknown): v is string {
  return typeof v === 'string' && /^[\w#+.-]{1,64}$/.test(v);
}

/** Sampling parameters within the widest range any Bedrock model accepts; the host narrows further. */
function readParams(v: unknown): ChatParams | undefined {
  if (!isRecord(v)) return undefined;
  const out: ChatParams = {};
  const num = (x: unknown, min: number, max: number) => typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max;
  if (v.temperature !== undefined) {
    if (!num(v.temperature, 0, 2)) return undefined;
    out.temperature = v.temperature as number;
  }
  if (v.topP !== undefined) {
    if (!num(v.topP, 0, 1)) return undefined;
    out.topP = v.topP as number;
  }
  if (v.maxTokens !== undefined) {
    if (!num(v.maxTokens, 1, 10_000_000) || !Number.isInteger(v.maxTokens)) return undefined;
    out.maxTokens = v.maxTokens as number;
  }
  return out;
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
