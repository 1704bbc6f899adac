// The one reader for the persisted shapes declared in protocol.ts (conversations and the history
// index): what comes back from workspace storage, or from the host to the webview, may be from
// another version, hand-edited or corrupt, so it is checked field by field before it is used. The
// history store, the chat host and the webview all read a stored conversation through this.
import { API_IDS } from '../core/bedrock/catalog/apiId';
import { REASONING_LEVELS } from '../core/bedrock/catalog/reasoningSupport';
import { STOP_REASONS } from '../core/bedrock/adapters/chatEvent';
import { ERROR_ACTION_IDS, ERROR_KINDS, errorAction, type ErrorKind } from '../core/bedrock/errors/classifiedError';
import { arrayOf, bool, isPlainRecord, num, object, oneOf, optional, problem, readStored, str, type Issues, type Validator } from '../core/schema';
import { MAX_ATTACHMENTS, readAttachment, type WireAttachment } from './attachments';
import { imageTurnOptionsSchema, storedImagesSchema } from './imageMessages';
import { readStoredAudio, type StoredAudio } from './voiceProtocol';
import { STORAGE_VERSIONS } from '../core/storageKeys';
import {
  type ChatContext,
  type ChatParams,
  type ConversationSummary,
  type PersistedConversation,
  type PersistedStep,
  type PersistedTurn,
  type TurnStats,
  type WireError,
  type WireReasoning,
  type WireToolCall,
} from './protocol';
import { MAX_ID, MAX_TEXT } from './protocolValidation';
import { WIRE_TOOL_STATUSES } from './agentMessages';
import { TOOL_KINDS } from '../core/agent/agentTool';

/** A reply can outgrow the longest message a user may send; this bounds what one stored turn holds. */
const MAX_TURN_TEXT = 4 * MAX_TEXT;
const MAX_TURNS = 10_000;
const id = str({ min: 1, max: MAX_ID });
/** A model id of only spaces names no model. */
const modelId = str({ min: 1, max: MAX_ID, pattern: /\S/ });
const title = str({ max: 1000 });
const time = num({ min: 0 });
const figure = num({ min: 0 });

const reasoningSchema = object<WireReasoning>({
  text: str({ max: MAX_TURN_TEXT }),
  signature: optional(str({ max: 100_000 })),
  redactedBase64: optional(str({ max: MAX_TEXT, pattern: /^[A-Za-z0-9+/=\s]*$/ })),
});

const statsSchema = object<TurnStats>({
  modelId: id,
  api: oneOf(API_IDS),
  timeToFirstTokenMs: optional(figure),
  inputTokens: optional(figure),
  outputTokens: optional(figure),
  tokensPerSecond: optional(figure),
  totalLatencyMs: optional(figure),
  routeNote: optional(str({ max: 4000 })),
});

// Chats saved before credential failures were one `credentials` kind stored them as `expiredCredentials`.
const knownErrorKind = oneOf(ERROR_KINDS);
const errorKind: Validator<ErrorKind> = (raw, issues) => knownErrorKind(raw === 'expiredCredentials' ? 'credentials' : raw, issues);

const errorMessage = str({ max: 100_000 });
const errorActionSchema = object<WireError['action']>({ id: oneOf(ERROR_ACTION_IDS), label: str({ max: 200 }) });
const wellFormedError = object<WireError>({
  kind: errorKind,
  message: errorMessage,
  action: errorActionSchema,
  detail: optional(errorMessage),
});

/**
 * A turn marked as failed stays failed, even when what was stored about the failure is unreadable:
 * the readable parts are kept and the rest replaced by a generic failure (the problem is recorded).
 */
const errorSchema: Validator<WireError> = (raw, issues) => {
  const error = wellFormedError(raw, issues);
  if (error || raw === null) return error;
  const r = isPlainRecord(raw) ? raw : {};
  // Already recorded by the well-formed check above: these only pick out what is usable.
  const quiet: Issues = [];
  const message = r.message === undefined ? undefined : errorMessage(r.message, quiet);
  const kept: WireError = {
    kind: (r.kind === undefined ? undefined : errorKind(r.kind, quiet)) ?? 'serviceError',
    message: message || 'This reply failed; the stored details could not be read.',
    action: (r.action === undefined ? undefined : errorActionSchema(r.action, quiet)) ?? errorAction('none'),
  };
  const detail = r.detail === undefined ? undefined : errorMessage(r.detail, quiet);
  if (detail) kept.detail = detail;
  return kept;
};

const line = num({ min: 0, integer: true });
const contextSchema = object<ChatContext>({
  label: str({ min: 1, max: 1000 }),
  uri: id,
  startLine: line,
  endLine: line,
  text: str({ max: MAX_TEXT }),
});

const toolCallSchema = object<WireToolCall>({
  id: str({ max: MAX_ID }),
  name: str({ max: 1000 }),
  input: str({ max: MAX_TEXT }),
  status: oneOf(WIRE_TOOL_STATUSES),
  result: optional(str({ max: MAX_TURN_TEXT })),
  durationMs: optional(figure),
  label: optional(str({ max: 4000 })),
  kind: optional(oneOf(TOOL_KINDS)),
  step: optional(num({ min: 0, max: 100_000, integer: true })),
  truncated: optional(bool),
});

/** One agent step: a bad text or tool list drops the step; a bad call drops only that call. */
const stepSchema = object<PersistedStep>({
  text: str({ max: MAX_TURN_TEXT }),
  reasoning: optional(arrayOf(reasoningSchema, { max: 1000 })),
  tools: arrayOf(toolCallSchema, { max: 1000 }),
});

/** One stored attachment reference: a bad one is dropped (the turn keeps its others). */
const attachmentSchema: Validator<WireAttachment> = (raw, issues) => {
  const read = readAttachment(raw);
  return typeof read === 'string' ? problem(issues, read) : read;
};

const storedAudioSchema: Validator<StoredAudio> = (raw, issues) => readStoredAudio(raw) ?? problem(issues, 'not a stored audio clip (sha256 and seconds)');

/** One turn: a bad role or text drops the turn; a bad reasoning block or stats drops only that part; a bad error stays a failure. */
export const persistedTurnSchema = object<PersistedTurn>({
  role: oneOf(['user', 'assistant']),
  text: str({ max: MAX_TURN_TEXT }),
  reasoning: optional(arrayOf(reasoningSchema, { max: 1000 })),
  stats: optional(statsSchema),
  stopReason: optional(oneOf(STOP_REASONS)),
  error: optional(errorSchema),
  images: optional(storedImagesSchema),
  imageOptions: optional(imageTurnOptionsSchema),
  context: optional(contextSchema),
  tools: optional(arrayOf(toolCallSchema, { max: 1000 })),
  steps: optional(arrayOf(stepSchema, { max: 10_000 })),
  attachments: optional(arrayOf(attachmentSchema, { max: MAX_ATTACHMENTS })),
  audio: optional(storedAudioSchema),
});

// The same ranges the host accepts from the webview.
const paramsSchema = object<ChatParams>({
  temperature: optional(num({ min: 0, max: 2 })),
  maxTokens: optional(num({ min: 1, max: 10_000_000, integer: true })),
  topP: optional(num({ min: 0, max: 1 })),
  reasoning: optional(oneOf(REASONING_LEVELS)),
});

/** A stored conversation: a bad id, title, time or turn list drops it; a bad optional setting or turn drops only that. */
export const persistedConversationSchema = object<PersistedConversation>({
  v: oneOf([STORAGE_VERSIONS.conversation]),
  id,
  title,
  createdAt: time,
  updatedAt: time,
  modelId: optional(modelId),
  system: optional(str({ max: MAX_TEXT })),
  params: optional(paramsSchema),
  api: optional(oneOf(API_IDS)),
  agent: optional(bool),
  turns: arrayOf(persistedTurnSchema, { max: MAX_TURNS }),
});

/** A stored conversation as far as it can be read, for readers with nowhere to warn (the chat host, the webview); never throws. */
export function readStoredConversation(raw: unknown): PersistedConversation | undefined {
  return readStored(persistedConversationSchema, raw, 'a stored chat', () => undefined);
}

export const conversationSummarySchema = object<ConversationSummary>({
  id,
  title,
  updatedAt: time,
  turnCount: num({ min: 0, integer: true }),
});

export interface HistoryIndex {
  v: typeof STORAGE_VERSIONS.historyIndex;
  /** Most recent first. */
  items: ConversationSummary[];
}

export const historyIndexSchema = object<HistoryIndex>({
  v: oneOf([STORAGE_VERSIONS.historyIndex]),
  items: arrayOf(conversationSummarySchema, { max: 10_000 }),
});
