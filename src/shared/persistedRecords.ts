// Validators for the persisted shapes declared in protocol.ts (conversations and the history index):
// what the host reads back from workspace storage is checked field by field before it is used.
// Host-only: the webview bundle never imports this.
import { API_IDS } from '../core/bedrock/apiId';
import { STOP_REASONS } from '../core/bedrock/chatEvent';
import { ERROR_ACTION_IDS, ERROR_KINDS, type ErrorKind } from '../core/bedrock/classifiedError';
import { arrayOf, num, object, oneOf, optional, str, type Validator } from '../core/schema';
import { STORAGE_VERSIONS } from '../core/storageKeys';
import {
  type ChatParams,
  type ConversationSummary,
  type PersistedConversation,
  type PersistedTurn,
  type TurnStats,
  type WireError,
  type WireReasoning,
} from './protocol';
import { MAX_ID, MAX_TEXT } from './webviewMessages';

/** A reply can outgrow the longest message a user may send; this bounds what one stored turn holds. */
const MAX_TURN_TEXT = 4 * MAX_TEXT;
const MAX_TURNS = 10_000;
const id = str({ min: 1, max: MAX_ID });
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

const errorSchema = object<WireError>({
  kind: errorKind,
  message: str({ max: 100_000 }),
  action: object<WireError['action']>({ id: oneOf(ERROR_ACTION_IDS), label: str({ max: 200 }) }),
  detail: optional(str({ max: 100_000 })),
});

/** One turn: a bad role or text drops the turn; a bad reasoning block, stats or error drops only that part. */
export const persistedTurnSchema = object<PersistedTurn>({
  role: oneOf(['user', 'assistant']),
  text: str({ max: MAX_TURN_TEXT }),
  reasoning: optional(arrayOf(reasoningSchema, { max: 1000 })),
  stats: optional(statsSchema),
  stopReason: optional(oneOf(STOP_REASONS)),
  error: optional(errorSchema),
});

// The same ranges the host accepts from the webview.
const paramsSchema = object<ChatParams>({
  temperature: optional(num({ min: 0, max: 2 })),
  maxTokens: optional(num({ min: 1, max: 10_000_000, integer: true })),
  topP: optional(num({ min: 0, max: 1 })),
});

/** A stored conversation: a bad id, title, time or turn list drops it; a bad optional setting or turn drops only that. */
export const persistedConversationSchema = object<PersistedConversation>({
  v: oneOf([STORAGE_VERSIONS.conversation]),
  id,
  title,
  createdAt: time,
  updatedAt: time,
  modelId: optional(id),
  system: optional(str({ max: MAX_TEXT })),
  params: optional(paramsSchema),
  api: optional(oneOf(API_IDS)),
  turns: arrayOf(persistedTurnSchema, { max: MAX_TURNS }),
});

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
