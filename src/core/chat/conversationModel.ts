// The conversation as the host keeps it, and how it becomes a ChatRequest. Plain data, no vscode:
// the rules here (what is replayed, how params are clamped) are unit-tested in node.
import type { ChatMessage, ChatRequest, ContentPart } from '../bedrock/adapters/chatRequest';
import { resolveReasoning } from '../bedrock/adapters/reasoningFields';
import type { ChatParams, ChatSendMessage, ModelOption, PersistedConversation, PersistedTurn, WireReasoning } from '../../shared/protocol';
import { stepMessages } from '../agent/stepReplay';

const TITLE_CHARS = 60;

export function newConversation(id: string, now: number): PersistedConversation {
  return { v: 1, id, title: 'New chat', createdAt: now, updatedAt: now, turns: [] };
}

/** First line of the first user message, shortened: what the history list shows. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n', 1)[0].replace(/\s+/g, ' ').trim();
  if (!line) return 'New chat';
  return line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS - 1)}…` : line;
}

/**
 * Applies a `chat/send` to a conversation: drops turns from `replaceFromTurn` on (edit, retry,
 * regenerate), appends the user turn and records the settings the turn runs with. Returns a new
 * object; the input is not modified.
 */
export function beginTurn(conv: PersistedConversation, send: ChatSendMessage, modelId: string, params: ChatParams | undefined, now: number): PersistedConversation {
  const kept = send.replaceFromTurn === undefined ? conv.turns : conv.turns.slice(0, send.replaceFromTurn);
  const user: PersistedTurn = { role: 'user', text: send.text };
  if (send.context) user.context = send.context;
  if (send.attachments?.length) user.attachments = send.attachments;
  const turns: PersistedTurn[] = [...kept, user];
  const next: PersistedConversation = { ...conv, turns, modelId, updatedAt: now };
  if (turns.length === 1 || conv.title === 'New chat') next.title = titleFrom(send.text);
  if (send.system !== undefined) next.system = send.system || undefined;
  if (params !== undefined) next.params = params;
  // An absent override means "auto": the user switched back, so forget the old one.
  next.api = send.api;
  // Agent mode is remembered per chat, as the last message was sent.
  next.agent = send.agent || undefined;
  for (const k of ['system', 'params', 'api', 'agent'] as const) if (next[k] === undefined) delete next[k];
  return next;
}

/**
 * Removes `count` turns from `fromTurn` on (a message and its reply). A range past the end removes
 * what is there; the title stays (it names the chat, not one message).
 */
export function deleteTurns(conv: PersistedConversation, fromTurn: number, count: number, now: number): PersistedConversation {
  const turns = [...conv.turns];
  turns.splice(fromTurn, count);
  return { ...conv, turns, updatedAt: now };
}

/** What the model receives for a user turn: the user's words, then any editor code they were about. */
export function userMessageText(turn: Pick<PersistedTurn, 'text' | 'context'>): string {
  const context = isRecord(turn.context) && typeof turn.context.text === 'string' ? turn.context.text : '';
  return context ? `${turn.text}\n\n${context}` : turn.text;
}

/**
 * Narrows user-set parameters to what the model accepts. Converse takes temperature and top-p in
 * 0..1 for every model, so that is the range; max tokens is capped at the model's known output
 * limit, since the service refuses a larger one ("maximum tokens you requested exceeds the model limit").
 */
export function clampParams(params: ChatParams | undefined, model: Pick<ModelOption, 'maxOutputTokens' | 'reasoning'> | undefined): ChatParams | undefined {
  if (!params) return undefined;
  const out: ChatParams = {};
  const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  if (params.temperature !== undefined) out.temperature = clamp(params.temperature, 0, 1);
  // A level for a model that takes none is dropped: it would only be refused.
  if (params.reasoning !== undefined && model?.reasoning) out.reasoning = params.reasoning;
  if (params.topP !== undefined) out.topP = clamp(params.topP, 0, 1);
  if (params.maxTokens !== undefined) {
    const limit = model?.maxOutputTokens;
    out.maxTokens = Math.max(1, Math.round(limit ? Math.min(params.maxTokens, limit) : params.maxTokens));
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * Reasoning that goes back to the API. Signed and redacted blocks must be replayed unchanged (a
 * model with thinking on rejects a history whose assistant turn lost them); unsigned reasoning is
 * display-only — replaying it leaks tags into the next answer.
 */
export function replayableReasoning(blocks: readonly WireReasoning[] | undefined): ContentPart[] {
  const out: ContentPart[] = [];
  // Stored history may be corrupt: a block that is not one (null, a number, a signed block
  // without text) is left out rather than allowed to break every later turn.
  for (const b of Array.isArray(blocks) ? (blocks as unknown[]) : []) {
    if (!isRecord(b)) continue;
    if (typeof b.redactedBase64 === 'string' && b.redactedBase64) {
      out.push({ type: 'reasoning', text: '', redacted: new Uint8Array(Buffer.from(b.redactedBase64, 'base64')) });
    } else if (typeof b.signature === 'string' && b.signature && typeof b.text === 'string') {
      out.push({ type: 'reasoning', text: b.text, signature: b.signature });
    }
  }
  return out;
}

/** Roles must alternate; a dropped assistant turn leaves two user turns, which are merged. */
function push(messages: ChatMessage[], message: ChatMessage): void {
  const last = messages[messages.length - 1];
  if (last?.role === message.role) last.content.push(...message.content);
  else messages.push(message);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The request for the conversation's next reply (its last turn is the user's). `attached` holds the
 * parts each user turn's attachments resolved to, by turn index; they follow the turn's text.
 */
export function toChatRequest(
  conv: PersistedConversation,
  modelId: string,
  params?: ChatParams,
  attached?: ReadonlyMap<number, ContentPart[]>,
  model?: Pick<ModelOption, 'maxOutputTokens' | 'reasoning'>,
): ChatRequest {
  const messages: ChatMessage[] = [];
  for (const [index, turn] of (conv.turns as unknown[] as PersistedTurn[]).entries()) {
    // A stored turn that is not a user or assistant message with text cannot be replayed: skip it.
    if (!isRecord(turn) || (turn.role !== 'user' && turn.role !== 'assistant') || typeof turn.text !== 'string') continue;
    let content: ContentPart[];
    // An agent reply's steps go first, each tool use paired with its result; its text is the final answer.
    const steps = turn.role === 'assistant' && Array.isArray(turn.steps) ? stepMessages(turn.steps, index) : [];
    if (steps.length && messages.length) {
      for (const m of steps) push(messages, m);
    }
    if (turn.role === 'user') {
      const text = userMessageText(turn);
      if (!text.trim()) continue;
      content = [{ type: 'text', text }, ...(attached?.get(index) ?? [])];
    } else {
      // A failed turn with no text (cancelled before the first token) says nothing to the model,
      // and an empty assistant message is a validation error on every API: leave it out.
      if (!turn.text.trim()) continue;
      content = [...replayableReasoning(turn.reasoning), { type: 'text', text: turn.text }];
    }
    push(messages, { role: turn.role, content });
  }
  while (messages.length && messages[0].role !== 'user') messages.shift();
  const req: ChatRequest = { modelId, task: 'chat', messages, stream: true };
  if (typeof conv.system === 'string' && conv.system.trim()) req.system = conv.system;
  if (params?.temperature !== undefined) req.temperature = params.temperature;
  if (params?.topP !== undefined) req.topP = params.topP;
  if (params?.maxTokens !== undefined) req.maxTokens = params.maxTokens;
  if (params?.reasoning && model?.reasoning) {
    const r = resolveReasoning(model.reasoning, params.reasoning, req.maxTokens, model.maxOutputTokens);
    req.reasoning = r.reasoning;
    if (r.maxTokens !== undefined) req.maxTokens = r.maxTokens;
  }
  return req;
}
