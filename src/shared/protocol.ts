// Every message between the chat panel host and its webview, one discriminated union per
// direction, discriminated by `method` (`domain/verb`, the message kind). Types only; each domain's
// messages and values live beside this file (wireValues, persistedShapes, editorMessages,
// attachmentMessages, historyMessages, agentMessages, checkpointMessages, voiceProtocol, imageProtocol)
// and are re-exported here, so the protocol has one import point. The gate for webview messages, the
// size limits and the link policy are in `protocolValidation.ts`; the readers of persisted state in
// `persistedRecords.ts` and `persistedReaders.ts`. All plain data and pure functions, for both bundles.
//
// Adding a message: add it to its union here, then the compiler asks for it in
// `WEBVIEW_MESSAGE_FIELDS` (webview → host) and in both sides' message switches.
//
// Streams: every `chat/send` gets exactly one terminal message. A reply is
// `chat/start → (chat/delta | chat/route | chat/retry | chat/tool)* → chat/end | chat/error`; a request the
// host refuses before it starts (malformed, too long, no model, history unreadable) is a lone
// `chat/error` with seq 0. All carry the `requestId` the webview chose in `chat/send` and a `seq`
// that starts at 0 and grows by one per message, so the webview can drop stale or out-of-order
// posts (e.g. from a request it already cancelled).
import type { ApiId } from '../core/bedrock/catalog/apiId';
import type { StopReason } from '../core/bedrock/adapters/chatEvent';
import type { ErrorActionId } from '../core/bedrock/errors/classifiedError';
import type { ChatContext, ChatParams, ModelOption, TokenColors, TurnStats, WireError, WireToolCall } from './wireValues';
import type { ChatImagesMessage, ImageActionMessage, ImageDataMessage, ImageTurnOptions } from './imageProtocol';
import type { CodeApplyMessage, CodeCopyMessage, CodeInsertMessage, CodeOpenInNewFileMessage, EditorFocusMessage, EditorRevealMessage } from './editorMessages';
import type { WireAttachment } from './attachments';
import type { AttachAddedMessage, AttachDataMessage, AttachPickMessage, AttachPrepareImageMessage, AttachRefusedMessage, AttachUrisMessage } from './attachmentMessages';
import type { ChatVoiceMessage, VoiceDataMessage, VoiceEndInputMessage, VoiceInput, VoiceLoadMessage, VoicePickedMessage, VoicePickFileMessage, VoiceSetVoiceMessage } from './voiceProtocol';
import type { HistoryDeleteMessage, HistoryListMessage, HistoryListRequestMessage, HistoryLoadMessage, HistoryNewMessage, HistoryOpenMessage } from './historyMessages';
import type { AgentApproveMessage, AgentPickToolsMessage, AgentRestoredMessage, AgentRestoreMessage } from './agentMessages';

export type { ChatContext, CodeAction, ModelOption, ChatParams, TokenColors, TurnStats, WireError, WireReasoning, WireToolCall, WireToolStatus } from './wireValues';
export type { PersistedTurn, PersistedStep, PersistedConversation, PersistedWebviewState, ConversationSummary } from './persistedShapes';
export type { AgentApproveMessage, AgentPickToolsMessage, AgentRestoredMessage, AgentRestoreMessage, RestoreOutcome, SkippedFile } from './agentMessages';
export type { CodeApplyMessage, CodeCopyMessage, CodeInsertMessage, CodeOpenInNewFileMessage, EditorFocusMessage, EditorRevealMessage } from './editorMessages';
export type { AttachAddedMessage, AttachDataMessage, AttachPickMessage, AttachPrepareImageMessage, AttachRefusedMessage, AttachUrisMessage } from './attachmentMessages';
export type { HistoryDeleteMessage, HistoryListMessage, HistoryListRequestMessage, HistoryLoadMessage, HistoryNewMessage, HistoryOpenMessage } from './historyMessages';

// ---------------------------------------------------------------------------------------------
// Webview → host
// ---------------------------------------------------------------------------------------------

/** The webview has loaded and listens; the host queues every post until it sees this. */
export interface WebviewReadyMessage {
  method: 'webview/ready';
}

/** Send a user message; the reply streams back under `requestId`. */
export interface ChatSendMessage {
  method: 'chat/send';
  /** Id the webview chose for the reply stream; echoed on every stream message. */
  requestId: string;
  /** Conversation this turn belongs to; the host creates it if unknown. */
  conversationId: string;
  /** The user's text. */
  text: string;
  /** Model or profile id to use; the host falls back to its default when absent. */
  modelId?: string;
  /** When set, replace the conversation from this turn index on (edit-and-resend, regenerate). */
  replaceFromTurn?: number;
  /** System prompt for the conversation (kept with it). */
  system?: string;
  /** Sampling parameters; the host clamps them to the model's limits. */
  params?: ChatParams;
  /** Force this API for the turn instead of the router's choice. */
  api?: ApiId;
  /** Image options, when the model is an image model (the turn is then an image turn). */
  image?: ImageTurnOptions;
  /** Code from an editor command, sent to the model after `text` and shown as a chip. */
  context?: ChatContext;
  /** Files, images and documents the chips in the composer name (references; the host reads the bytes). */
  attachments?: WireAttachment[];
  /** Agent mode for this turn: the model may call tools, and the reply runs until its final answer. */
  agent?: boolean;
  /** How the user speaks, when the model is a voice model (the turn is then a voice turn; absent = typed). */
  voice?: VoiceInput;
}

/** Delete turns of a stored conversation (a message and its reply). */
export interface ChatDeleteTurnsMessage {
  method: 'chat/deleteTurns';
  /** The conversation. */
  conversationId: string;
  /** Index of the first turn to delete. */
  fromTurn: number;
  /** How many turns, from `fromTurn` on (at least one). */
  count: number;
}

/** Stop the stream `requestId`: the host aborts the HTTP request. */
export interface ChatCancelMessage {
  method: 'chat/cancel';
  /** The stream to stop. */
  requestId: string;
}

/** The user pressed the action button of an inline error (retry, sign in, choose profile, …). */
export interface ErrorActionMessage {
  method: 'error/action';
  /** The failed stream whose error offered the action. */
  requestId: string;
  /** Which action. */
  actionId: ErrorActionId;
}

/** The user clicked a link in rendered output; the host opens it (http, https and mailto only). */
export interface LinkOpenMessage {
  method: 'link/open';
  /** Absolute URL; the host re-checks the scheme before opening. */
  href: string;
}

/** Ask for the model list; the host answers with `models/list`. */
export interface ModelsListRequestMessage {
  method: 'models/list';
}

/** The user picked a model or profile. */
export interface ModelsSelectMessage {
  method: 'models/select';
  /** Model or profile id. */
  modelId: string;
}

/** Mark or unmark a model as a favourite (listed first in the picker, kept across sessions). */
export interface ModelsFavouriteMessage {
  method: 'models/favourite';
  /** Model or profile id. */
  modelId: string;
  /** true = add to the favourites, false = remove. */
  favourite: boolean;
}

/** Save this system prompt as the one every new chat starts with ('' = new chats start without one). */
export interface SettingsSaveDefaultSystemMessage {
  method: 'settings/saveDefaultSystem';
  /** The system prompt. */
  system: string;
}

/** The user started typing (sent at most every few seconds): the host may open the connection the turn will use. */
export interface ComposerTypingMessage {
  method: 'composer/typing';
}

export type WebviewToHostMessage =
  | WebviewReadyMessage
  | ChatSendMessage
  | ChatCancelMessage
  | ErrorActionMessage
  | LinkOpenMessage
  | CodeCopyMessage
  | CodeInsertMessage
  | CodeOpenInNewFileMessage
  | CodeApplyMessage
  | ChatDeleteTurnsMessage
  | EditorRevealMessage
  | ModelsListRequestMessage
  | ModelsSelectMessage
  | ModelsFavouriteMessage
  | SettingsSaveDefaultSystemMessage
  | HistoryListRequestMessage
  | HistoryOpenMessage
  | HistoryDeleteMessage
  | HistoryNewMessage
  | EditorFocusMessage
  | ImageActionMessage
  | ComposerTypingMessage
  | AttachPickMessage
  | AttachDataMessage
  | AttachUrisMessage
  | AgentApproveMessage
  | AgentPickToolsMessage
  | AgentRestoreMessage
  | VoicePickFileMessage
  | VoiceSetVoiceMessage
  | VoiceEndInputMessage
  | VoiceLoadMessage;

// ---------------------------------------------------------------------------------------------
// Host → webview
// ---------------------------------------------------------------------------------------------

/** A reply stream begins. */
export interface ChatStartMessage {
  method: 'chat/start';
  /** The id from `chat/send`. */
  requestId: string;
  /** Always 0: the first message of a stream. */
  seq: number;
  /** Conversation the reply belongs to. */
  conversationId: string;
  /** Model or profile id serving the turn. */
  modelId: string;
  /** API serving the turn. */
  api: ApiId;
}

/** A piece of the reply. */
export interface ChatDeltaMessage {
  method: 'chat/delta';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  /** `text` = reply markdown, `reasoning` = reasoning text for the collapsible block. */
  channel: 'text' | 'reasoning';
  /** The new characters, appended to what came before on the same channel. */
  text: string;
}

/** The router moved the turn to another route (fallback); the per-turn line changes. */
export interface ChatRouteMessage {
  method: 'chat/route';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  /** Model or profile id now serving the turn. */
  modelId: string;
  /** API now serving the turn. */
  api: ApiId;
  /** Why the previous route was left, for a one-line note. */
  reason?: string;
}

/** The service failed transiently and the request is being retried; the turn line says "retrying (2/3)…". */
export interface ChatRetryMessage {
  method: 'chat/retry';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  /** The attempt about to be made (2 = the first retry). */
  attempt: number;
  maxAttempts: number;
  /** What failed (exception name, HTTP status or network error). */
  reason: string;
  /** The wait before the attempt. */
  delayMs: number;
}

/** The model called a tool, or a call's status changed; the webview shows it as a collapsible block (keyed by `tool.id`). */
export interface ChatToolMessage {
  method: 'chat/tool';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  /** The call as it stands now. */
  tool: WireToolCall;
}

/** The reply finished normally. Terminal. */
export interface ChatEndMessage {
  method: 'chat/end';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1. */
  seq: number;
  /** Why the model stopped. */
  stopReason: StopReason;
  /** Figures for the per-turn line. */
  stats: TurnStats;
}

/** The reply failed, was cancelled, or was refused before it started. Terminal; the partial reply stays on screen. */
export interface ChatErrorMessage {
  method: 'chat/error';
  /** The id from `chat/send`. */
  requestId: string;
  /** Previous seq + 1; 0 when the request was refused before its stream started. */
  seq: number;
  /** The classified error with its action. */
  error: WireError;
  /** Figures known so far, if any. */
  stats?: TurnStats;
}

/** The model list, answering `models/list` or after the catalog changed. */
export interface ModelsListMessage {
  method: 'models/list';
  /** Models and profiles the picker offers. */
  models: ModelOption[];
  /** Id selected by default. */
  selectedModelId?: string;
  /** The user's favourite models, listed first. */
  favourites?: string[];
  /** Models used lately (shared with Explain and Ask), most recent first. */
  recent?: string[];
  /** `selectedModelId` was just chosen elsewhere (another chat, Explain, Ask, the setting): the picker switches to it. */
  chosenElsewhere?: boolean;
}

/** Settings every new chat starts from; sent on ready and whenever they change. */
export interface ChatDefaultsMessage {
  method: 'chat/defaults';
  /** The system prompt the user saved as default ('' = none). */
  system: string;
  /** The voice that voice models speak with (`bedrock.voice.voiceId`); absent where voice turns cannot run. */
  voiceId?: string;
}

/** Put text into the input box (e.g. from "Explain selection"); `send` submits it right away. */
export interface ChatPrefillMessage {
  method: 'chat/prefill';
  /** Text for the input box. */
  text: string;
  /** Submit immediately instead of waiting for the user. */
  send?: boolean;
  /** Model or profile to select first (e.g. the default chat model for "Explain Selection"). */
  modelId?: string;
  /** Image options to send with it (Generate Image, Generate Variations, Edit with Prompt). */
  image?: ImageTurnOptions;
  /** The editor code the request is about, sent with it and shown as a chip. */
  context?: ChatContext;
}

/** The active colour theme's token colours, sent on ready and whenever the theme changes. */
export interface ThemeTokenColorsMessage {
  method: 'theme/tokenColors';
  /** Colour per highlighter class; a class left out keeps the stylesheet's default. */
  colors: TokenColors;
}

export type HostToWebviewMessage =
  | ChatStartMessage
  | ChatDeltaMessage
  | ChatRouteMessage
  | ChatRetryMessage
  | ChatToolMessage
  | ChatEndMessage
  | ChatErrorMessage
  | ModelsListMessage
  | ChatDefaultsMessage
  | HistoryListMessage
  | HistoryLoadMessage
  | ChatPrefillMessage
  | ChatImagesMessage
  | ImageDataMessage
  | ThemeTokenColorsMessage
  | AttachAddedMessage
  | AttachRefusedMessage
  | AttachPrepareImageMessage
  | ChatVoiceMessage
  | VoicePickedMessage
  | VoiceDataMessage
  | AgentRestoredMessage;

/** The stream-lifecycle subset of host messages, all keyed by `requestId` + `seq`. */
export type ChatStreamMessage = ChatStartMessage | ChatDeltaMessage | ChatRouteMessage | ChatRetryMessage | ChatToolMessage | ChatImagesMessage | ChatVoiceMessage | ChatEndMessage | ChatErrorMessage;
