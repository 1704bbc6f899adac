// The value shapes the chat protocol's messages carry (models, parameters, figures, errors,
// reasoning). Types only; the messages themselves are in protocol.ts.
import type { ImageModelTraits } from './imageProtocol';
import type { VoiceModelTraits } from './voiceProtocol';
import type { ApiId } from '../core/bedrock/catalog/apiId';
import type { ErrorActionId, ErrorKind } from '../core/bedrock/errors/classifiedError';
import type { ReasoningLevel, ReasoningStyle } from '../core/bedrock/catalog/reasoningSupport';
import type { ToolKind } from '../core/agent/agentTool';

/** What the code-block buttons ask the host to do with a fenced code block. */
export type CodeAction = 'copy' | 'insert' | 'apply' | 'openInNewFile';

/** Where an editor command's code came from: shown as a chip on the user's turn, click reveals it. */
export interface ChatContext {
  /** Short label, e.g. `cache.ts:7-14`. */
  label: string;
  /** The document's URI (file, untitled, …) as `Uri.toString()` gives it. */
  uri: string;
  /** Zero-based first line of the range. */
  startLine: number;
  /** Zero-based last line of the range, inclusive. */
  endLine: number;
  /** What the model receives after the user's words: the file, the code and its surroundings. */
  text: string;
}

/** A tool call the model made, and its result once something ran it. */
export interface WireToolCall {
  /** The API's id for the call (tool results refer to it). */
  id: string;
  /** The tool's name. */
  name: string;
  /** The call's input as pretty-printed JSON. */
  input: string;
  /**
   * `requested` = the model asked and nothing has run it; `awaitingApproval` = the user is asked
   * (answer with `agent/approve`); `running`, then `done` or `failed`; `denied` = the user said no
   * (or stopped while asked); `cancelled` = stopped while running, or never run because the turn stopped.
   */
  status: WireToolStatus;
  /** The tool's result (or failure message) as text, once there is one. */
  result?: string;
  /** Milliseconds from the start of the run to its result. */
  durationMs?: number;
  /** One line naming what this call does ("Read src/cache.ts:1-40"), from the tool. */
  label?: string;
  /** What the tool does (decides its approval policy). */
  kind?: ToolKind;
  /** The model step (0-based) that made the call, within its reply. */
  step?: number;
  /** The result was cut to the byte cap before the model saw it. */
  truncated?: boolean;
}

/** Where a tool call stands (see `WireToolCall.status`). */
export type WireToolStatus = 'requested' | 'awaitingApproval' | 'running' | 'done' | 'failed' | 'denied' | 'cancelled';

/** Token colours of the active colour theme, by highlighter class (`keyword`, `string`, …): `#rrggbb[aa]`. */
export type TokenColors = Partial<Record<string, string>>;

/** One entry of the model picker. */
export interface ModelOption {
  /** Model id, inference-profile id or ARN, exactly as the router accepts it. */
  id: string;
  /** Human label, e.g. "Claude Sonnet 4 (us profile)". */
  label: string;
  /** Provider name for grouping, e.g. "Anthropic". */
  provider?: string;
  /** True when the model accepts images in the prompt. */
  images?: boolean;
  /** Short capability labels shown next to the model in the picker (e.g. "Converse", "Stream"). */
  badges?: string[];
  /** Chat APIs the model is known to support, offered as per-turn overrides (empty = auto only). */
  apis?: ApiId[];
  /** The model's largest output, in tokens; the max-tokens field is clamped to it. */
  maxOutputTokens?: number;
  /** Set for image models: a turn with this model is an image turn, with these options. */
  image?: ImageModelTraits;
  /** Set for voice models (Nova Sonic): a turn with this model is a voice turn. */
  voice?: VoiceModelTraits;
  /** How the model takes a reasoning control (absent = it takes none, and the picker hides the control). */
  reasoning?: ReasoningStyle;
  /** The model is called through an inference profile only (its bare id is refused). */
  needsProfile?: boolean;
  /** The provider marked the model legacy. */
  legacy?: boolean;
  /** The model can take tools (agent mode is offered for it). */
  tools?: boolean;
}

/** Sampling parameters the user set for a conversation; absent = the model's default. */
export interface ChatParams {
  /** 0..1 (clamped further by the host to the model's range). */
  temperature?: number;
  /** Upper bound on reply tokens, clamped to the model's known limit. */
  maxTokens?: number;
  /** Nucleus sampling, 0..1. */
  topP?: number;
  /** Reasoning level for models that take one (absent = off, or the model's own default). */
  reasoning?: ReasoningLevel;
}

/** Figures for the per-turn line under a reply. Every figure is optional: not every API reports all. */
export interface TurnStats {
  /** Model or profile id that actually served the turn (after any fallback). */
  modelId: string;
  /** The Bedrock API that served the turn. */
  api: ApiId;
  /** Milliseconds from send to the first streamed token. */
  timeToFirstTokenMs?: number;
  /** Input tokens, as reported by the service. */
  inputTokens?: number;
  /** Output tokens, as reported by the service. */
  outputTokens?: number;
  /** Output tokens per second over the streaming part of the turn. */
  tokensPerSecond?: number;
  /** Milliseconds from send to the end of the stream. */
  totalLatencyMs?: number;
  /** Why the router left the first route for this one (fallback), when it did. */
  routeNote?: string;
}

/** A classified failure as the webview shows it: the router's message and one action button. */
export interface WireError {
  /** Which of the few failure kinds the UI distinguishes. */
  kind: ErrorKind;
  /** Plain-language message for the user. */
  message: string;
  /** The action button the error offers (`none` = no button). */
  action: { id: ErrorActionId; label: string };
  /** Service text for a "details" disclosure; never contains credentials. */
  detail?: string;
}

/** A reasoning block as kept in history: signed or redacted blocks must be sent back verbatim. */
export interface WireReasoning {
  /** Reasoning text (empty for redacted blocks). */
  text: string;
  /** The signature the API attached to the block, when signed. */
  signature?: string;
  /** Redacted reasoning bytes, base64: opaque, only ever sent back to the API. */
  redactedBase64?: string;
}
