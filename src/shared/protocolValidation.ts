// The host's gate for everything the webview posts, the size limits, and the one link policy. Pure
// (no vscode, no DOM), so it runs in the host, the webview and node tests alike. A message that
// fails the gate is never acted on; when it still carries a recognisable `chat/send` requestId, the
// host answers it with a `chat/error` naming what was wrong, so the webview never waits for a reply
// that will not come.
//
// What each message may hold is one table, `WEBVIEW_MESSAGE_FIELDS`, typed from the message union
// in protocol.ts: a method missing from it, a method it has that the union does not, a field the
// type has and the table misses (or the other way round), or an optional field checked as required
// is a compile error. Validation cannot drift from the types.
import { API_IDS, type ApiId } from '../core/bedrock/catalog/apiId';
import { isErrorActionId, type ErrorActionId } from '../core/bedrock/errors/classifiedError';
import { isReasoningLevel } from '../core/bedrock/catalog/reasoningSupport';
import type { AttachPickMessage, ChatContext, ChatParams, WebviewToHostMessage } from './protocol';
import { MAX_ATTACHMENT_BASE64, MAX_ATTACHMENTS, readAttachments, type WireAttachment } from './attachments';
import { imageActionRule, imageIdRule, imageTurnOptionsRule } from './imageMessages';
import { isSha256, readVoiceInput, type VoiceInput } from './voiceProtocol';
import { SONIC_VOICE_IDS } from './sonicVoices';
import { agentFlagRule, approvalDecisionRule, editedValueRule } from './agentMessages';

/** Longest user message the host accepts (characters); far above any model's context. */
export const MAX_TEXT = 2_000_000;
/** Longest id (request, conversation, model ARN) the host accepts. */
export const MAX_ID = 2048;
/** Longest link the panel renders or opens. */
export const MAX_HREF = 8192;

// ---------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------

/**
 * Link schemes rendered output may open; everything else renders as plain text. `mailto:` is
 * allowed: opening one only starts a draft in the user's mail client, which the user still has to
 * send, so it runs no code and reaches neither the workspace nor a VS Code command, and models
 * often answer with a contact address worth clicking.
 */
export const SAFE_LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];

/**
 * The link to open for `href`, with its scheme in lower case (`HTTPS://x` → `https://x`), or
 * undefined when `href` is not an absolute http, https or mailto URL. Relative URLs, `javascript:`,
 * `data:`, `vbscript:`, `file:`, `command:` … are refused: a webview link must never run code,
 * reach the workspace or invoke a VS Code command. The webview renders a link only when this
 * accepts it, and the host opens exactly what it returns, so the two sides cannot disagree.
 */
export function openableLinkHref(href: unknown): string | undefined {
  if (typeof href !== 'string' || href.length === 0 || href.length > MAX_HREF) return undefined;
  // Control characters and whitespace inside a scheme are how `java\tscript:` slips past naive
  // checks; a real link never contains them, so refuse instead of normalising.
  if (/[\u0000-\u0020\u007f-\u009f]/.test(href)) return undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(href);
  if (!scheme) return undefined;
  const s = `${scheme[1].toLowerCase()}:`;
  if (!SAFE_LINK_SCHEMES.includes(s)) return undefined;
  const normalized = s + href.slice(s.length);
  if (s === 'mailto:') return normalized.length > s.length ? normalized : undefined;
  // http(s) needs an authority; `http:foo` is a relative reference in disguise.
  return /^https?:\/\/[^/?#]/.test(normalized) ? normalized : undefined;
}

/** True when `href` may be rendered as a link and opened (see `openableLinkHref`). */
export function isSafeLinkHref(href: string): boolean {
  return openableLinkHref(href) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// The field table
// ---------------------------------------------------------------------------------------------

/** One field read: the value to keep (a fresh copy for objects), or a sentence naming what was wrong. */
export type FieldResult<T> = { value: T } | { problem: string };
export type FieldRule<T> = (raw: unknown) => FieldResult<T>;
/** An optional field: absent is fine, present must pass the rule. */
export interface OptionalFieldRule<T> {
  readonly optional: FieldRule<T>;
}

type Fields<M> = Omit<M, 'method'>;
/** One rule per field of message `M` except `method`; optional fields need `optional(…)`. */
export type MessageFieldRules<M> = {
  [K in keyof Fields<M>]-?: Record<never, never> extends Pick<Fields<M>, K> ? OptionalFieldRule<Exclude<Fields<M>[K], undefined>> : FieldRule<Fields<M>[K]>;
};
type WebviewMethod = WebviewToHostMessage['method'];
/** Exactly one entry per webview → host method. */
export type WebviewMessageTable = { [M in WebviewMethod]: MessageFieldRules<Extract<WebviewToHostMessage, { method: M }>> };

const optional = <T>(rule: FieldRule<T>): OptionalFieldRule<T> => ({ optional: rule });
const rule =
  <T>(accepts: (v: unknown) => v is T, problem: (v: unknown) => string): FieldRule<T> =>
  (v) => (accepts(v) ? { value: v } : { problem: problem(v) });

const id = (name: string) => rule(isId, (v) => idProblem(name, v));
const modelId = (name: string) => rule(isModelId, (v) => idProblem(name, v));
const text = (name: string) => rule(isText, (v) => textProblem(name, v));
const language = rule(isLanguage, () => 'language is not a fence language tag');
const turnIndex = rule(isIndex, () => 'replaceFromTurn is not a turn index');
const apiId = rule((v): v is ApiId => typeof v === 'string' && (API_IDS as readonly string[]).includes(v), () => 'the API override is not a known Bedrock API');
const errorActionId = rule((v): v is ErrorActionId => isErrorActionId(v), () => 'actionId is not a known error action');
const href = rule((v): v is string => typeof v === 'string' && isSafeLinkHref(v), () => 'href is not an absolute http, https or mailto link');
const lineIndex = (name: string) => rule(isIndex, () => `${name} is not a line number`);
const turnCount = rule((v): v is number => isIndex(v) && v >= 1, () => 'count is not a number of turns');
const workspacePath = rule(isWorkspacePath, () => 'file is not a relative workspace path');
const context: FieldRule<ChatContext> = (v) => {
  const read = readContext(v);
  return read ? { value: read } : { problem: 'the editor context is not a label, URI, line range and text' };
};
const attachments: FieldRule<WireAttachment[]> = (v) => {
  const read = readAttachments(v);
  return typeof read === 'string' ? { problem: read } : { value: read };
};
const params: FieldRule<ChatParams> = (v) => {
  const read = readParams(v);
  return read ? { value: read } : { problem: 'the temperature, max tokens, top-p or reasoning value is out of range' };
};

const voiceInput: FieldRule<VoiceInput> = (v) => {
  const read = readVoiceInput(v);
  return read ? { value: read } : { problem: 'the voice input is not the microphone, a stored WAV file or text' };
};

/** What each message may hold, field by field, checked in this order (the first problem is reported). */
export const WEBVIEW_MESSAGE_FIELDS: WebviewMessageTable = {
  'webview/ready': {},
  'chat/send': {
    requestId: id('requestId'),
    conversationId: id('conversationId'),
    text: text('the message'),
    modelId: optional(modelId('the model id')),
    replaceFromTurn: optional(turnIndex),
    system: optional(text('the system prompt')),
    params: optional(params),
    api: optional(apiId),
    image: optional(imageTurnOptionsRule),
    context: optional(context),
    attachments: optional(attachments),
    agent: optional(agentFlagRule),
    voice: optional(voiceInput),
  },
  'chat/cancel': { requestId: id('requestId') },
  'error/action': { requestId: id('requestId'), actionId: errorActionId },
  'link/open': { href },
  'code/copy': { code: text('code') },
  'code/insert': { code: text('code'), language: optional(language) },
  'code/openInNewFile': { code: text('code'), language: optional(language) },
  'code/apply': { code: text('code'), language: optional(language), file: optional(workspacePath) },
  'chat/deleteTurns': { conversationId: id('conversationId'), fromTurn: turnIndex, count: turnCount },
  'editor/reveal': { uri: id('uri'), startLine: lineIndex('startLine'), endLine: lineIndex('endLine') },
  'models/list': {},
  'models/select': { modelId: modelId('modelId') },
  'models/favourite': { modelId: modelId('modelId'), favourite: rule((v): v is boolean => typeof v === 'boolean', () => 'favourite is not true or false') },
  'settings/saveDefaultSystem': { system: text('the system prompt') },
  'history/list': {},
  'history/open': { conversationId: id('conversationId') },
  'history/delete': { conversationId: id('conversationId') },
  'history/new': { conversationId: id('conversationId') },
  'editor/focus': {},
  'image/action': { action: imageActionRule, imageId: imageIdRule },
  'composer/typing': {},
  'attach/pick': { what: rule((v): v is AttachPickMessage['what'] => v === 'files' || v === 'activeEditor' || v === 'selection', () => 'what is not files, activeEditor or selection') },
  'attach/data': {
    name: rule((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 500, () => 'name is missing or longer than 500 characters'),
    mime: rule((v): v is string => typeof v === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(v) && v.length <= 200, () => 'mime is not a MIME type'),
    dataBase64: rule(
      (v): v is string => typeof v === 'string' && v.length <= MAX_ATTACHMENT_BASE64,
      (v) => (typeof v === 'string' ? `the file is larger than the chat accepts (${MAX_ATTACHMENT_BASE64.toLocaleString('en-US')} characters of base64)` : 'dataBase64 is missing'),
    ),
    note: optional(rule((v): v is string => typeof v === 'string' && v.length <= 200, () => 'note is longer than 200 characters')),
  },
  'agent/approve': { requestId: id('requestId'), toolId: id('toolId'), decision: approvalDecisionRule, edited: optional(editedValueRule) },
  'agent/pickTools': {},
  'agent/restore': { requestId: id('requestId') },
  'voice/pickFile': {},
  'voice/endInput': { requestId: id('requestId') },
  'voice/load': { sha256: rule(isSha256, () => 'sha256 is not a content hash') },
  'voice/setVoice': { voiceId: rule((v): v is string => typeof v === 'string' && SONIC_VOICE_IDS.includes(v), () => 'voiceId is not one of the Nova Sonic voices') },
  'attach/uris': {
    uris: rule((v): v is string[] => Array.isArray(v) && v.length > 0 && v.length <= MAX_ATTACHMENTS && v.every((u) => typeof u === 'string' && u.length > 0 && u.length <= 8192), () => `uris is not a list of 1 to ${MAX_ATTACHMENTS} URIs`),
  },
};

// ---------------------------------------------------------------------------------------------
// The gate
// ---------------------------------------------------------------------------------------------

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

/** A well-formed copy holding only the table's fields, or a sentence saying what was wrong. */
function check(m: Record<string, unknown>): WebviewToHostMessage | string {
  if (typeof m.method !== 'string') return 'it has no method';
  if (!Object.hasOwn(WEBVIEW_MESSAGE_FIELDS, m.method)) return 'its method is not one the chat panel knows';
  const rules = WEBVIEW_MESSAGE_FIELDS[m.method as WebviewMethod] as Record<string, FieldRule<unknown> | OptionalFieldRule<unknown>>;
  const out: Record<string, unknown> = { method: m.method };
  for (const [name, fieldRule] of Object.entries(rules)) {
    const raw = m[name];
    const isOptional = typeof fieldRule !== 'function';
    if (isOptional && raw === undefined) continue;
    const result = (isOptional ? fieldRule.optional : fieldRule)(raw);
    if ('problem' in result) return result.problem;
    out[name] = result.value;
  }
  return out as unknown as WebviewToHostMessage;
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

/** Request, conversation and model ids: non-empty and bounded. */
export function isId(v: unknown): v is string {
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

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
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
  if (v.reasoning !== undefined) {
    if (!isReasoningLevel(v.reasoning)) return undefined;
    out.reasoning = v.reasoning;
  }
  return out;
}

/** An editor command's context chip, as `chat/send` and `chat/prefill` carry it; undefined when it is not one. */
export function readContext(v: unknown): ChatContext | undefined {
  if (!isRecord(v)) return undefined;
  const { label, uri, startLine, endLine, text } = v;
  if (typeof label !== 'string' || !label.trim() || label.length > 1000) return undefined;
  if (!isId(uri) || !isIndex(startLine) || !isIndex(endLine) || endLine < startLine || !isText(text)) return undefined;
  return { label, uri, startLine, endLine, text };
}

/** A path inside the workspace as a code fence names it: relative, no `..` segment, no scheme, no control characters. */
export function isWorkspacePath(v: unknown): v is string {
  if (typeof v !== 'string' || !v || v.length > 1024) return false;
  if (/^[\\/]|^[a-z][\w+.-]*:|[\u0000-\u001f]/i.test(v)) return false;
  return !v.split(/[\\/]/).some((segment) => segment === '..');
}
