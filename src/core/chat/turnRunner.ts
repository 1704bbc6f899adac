// Drives one reply: unified ChatEvents in, protocol stream messages out, and the assistant turn to
// keep in history. No vscode here; the panel host supplies `post` and the abort signal.
import type { ApiId } from '../bedrock/catalog/apiId';
import type { ChatEvent, StopReason } from '../bedrock/adapters/chatEvent';
import type { ChatRequest } from '../bedrock/adapters/chatRequest';
import { errorAction, type ClassifiedError } from '../bedrock/errors/classifiedError';
import type { ChatStreamMessage, PersistedTurn, WireError, WireReasoning, WireToolCall } from '../../shared/protocol';
import type { ChatBackend } from './chatBackend';
import { TurnStatsTracker } from './turnStats';

export interface RunTurnOptions {
  backend: ChatBackend;
  request: ChatRequest;
  /** Per-turn API override. */
  api?: ApiId;
  requestId: string;
  conversationId: string;
  signal: AbortSignal;
  post(message: ChatStreamMessage): void;
  clock?: () => number;
  /** Something the user should know about this turn (an attachment left out), shown on its line. */
  notice?: string;
}

export function toWireError(e: ClassifiedError): WireError {
  const w: WireError = { kind: e.kind, message: e.message, action: { id: e.action.id, label: e.action.label } };
  if (e.detail) w.detail = e.detail;
  return w;
}

/** Runs the turn to its end. Never throws: a misbehaving backend becomes a `chat/error`. */
export async function runTurn(o: RunTurnOptions): Promise<PersistedTurn> {
  const reply = new ReplyStream(o);
  const turn: PersistedTurn = { role: 'assistant', text: '' };
  // Replaced or stopped before it began: nothing is sent, and the turn still ends as cancelled.
  if (o.signal.aborted) return reply.stopped(turn);
  const step = await runModelStep(reply, o.backend, o.request, o.api, o.signal, (call) => {
    // Nothing runs tools outside agent mode: the call is shown (and kept) as the model made it.
    const tool: WireToolCall = { id: call.id, name: call.name, input: toolInputText(call.input), status: 'requested' };
    (turn.tools ??= []).push(tool);
    reply.tool({ ...tool });
  });
  turn.text = step.text;
  if (step.reasoning.length) turn.reasoning = step.reasoning;
  if (step.error) turn.error = reply.fail(step.error);
  else turn.stopReason = reply.end(step.stopReason ?? 'end_turn');
  return reply.finish(turn);
}

export const STOPPED: WireError = { kind: 'cancelled', message: 'Stopped.', action: errorAction('none') };

/** A tool call as the model made it; `input` is what the API gave (a string when it was not JSON). */
export interface RequestedCall {
  id: string;
  name: string;
  input: unknown;
}

/** What one model call produced: its text, reasoning and tool calls, and how it ended. */
export interface ModelStep {
  text: string;
  reasoning: WireReasoning[];
  calls: RequestedCall[];
  stopReason?: StopReason;
  /** Set when the call failed or was stopped; `text` then holds the partial reply. */
  error?: WireError;
}

/**
 * One reply as the webview sees it, however many model calls it takes: `chat/start` once, then
 * deltas, route changes, retries and tool updates with growing seq, then exactly one terminal.
 */
export class ReplyStream {
  private seq = 0;
  private started = false;
  private ended = false;
  readonly stats: TurnStatsTracker;
  private readonly clock: () => number;
  /** The route serving the reply now. */
  private current: { modelId: string; api: ApiId };

  constructor(private readonly o: Pick<RunTurnOptions, 'request' | 'api' | 'requestId' | 'conversationId' | 'post' | 'clock' | 'notice'>) {
    this.clock = o.clock ?? (() => performance.now());
    this.current = { modelId: o.request.modelId, api: o.api ?? 'converse-stream' };
    this.stats = new TurnStatsTracker(o.request.modelId, o.api ?? 'converse-stream', this.clock);
    if (o.notice) this.stats.notice(o.notice);
  }

  get now(): number {
    return this.clock();
  }

  private start(modelId: string, api: ApiId): void {
    this.started = true;
    this.current = { modelId, api };
    this.o.post({ method: 'chat/start', requestId: this.o.requestId, seq: this.seq++, conversationId: this.o.conversationId, modelId, api });
  }

  ensureStarted(): void {
    if (!this.started) this.start(this.o.request.modelId, this.o.api ?? 'converse-stream');
  }

  route(e: Extract<ChatEvent, { type: 'route' }>): void {
    // Say so when a per-turn API override was not honoured, so the line never misleads.
    const note = e.fallbackFrom?.reason ?? (this.o.api && e.step.api !== this.o.api ? `${this.o.api} was requested; the router chose ${e.step.api}` : undefined);
    const moved = e.step.target !== this.current.modelId || e.step.api !== this.current.api;
    this.current = { modelId: e.step.target, api: e.step.api };
    this.stats.route(e.step.target, e.step.api, note);
    if (!this.started) this.start(e.step.target, e.step.api);
    // A later step of an agent reply starts on the same route: only a change is news.
    else if (moved || e.attempt !== 1 || e.fallbackFrom) this.post({ method: 'chat/route', modelId: e.step.target, api: e.step.api, ...(note ? { reason: note } : {}) });
  }

  retry(e: Extract<ChatEvent, { type: 'retry' }>): void {
    this.ensureStarted();
    this.post({ method: 'chat/retry', attempt: e.attempt, maxAttempts: e.maxAttempts, reason: e.reason, delayMs: e.delayMs });
  }

  delta(channel: 'text' | 'reasoning', text: string): void {
    this.ensureStarted();
    this.stats.token();
    this.post({ method: 'chat/delta', channel, text });
  }

  tool(tool: WireToolCall): void {
    this.ensureStarted();
    this.post({ method: 'chat/tool', tool });
  }

  /** Posts `chat/end`; returns the stop reason for the turn. */
  end(stopReason: StopReason): StopReason {
    this.ensureStarted();
    this.stats.end();
    this.terminal({ method: 'chat/end', requestId: this.o.requestId, seq: this.seq++, stopReason, stats: this.stats.snapshot });
    return stopReason;
  }

  /** Posts `chat/error`; returns the error for the turn. */
  fail(error: WireError): WireError {
    this.ensureStarted();
    this.stats.end();
    this.terminal({ method: 'chat/error', requestId: this.o.requestId, seq: this.seq++, error, stats: this.stats.snapshot });
    return error;
  }

  finish(turn: PersistedTurn): PersistedTurn {
    turn.stats = this.stats.snapshot;
    if (turn.reasoning && !turn.reasoning.length) delete turn.reasoning;
    return turn;
  }

  /** Ends the reply as stopped by the user, the turn kept as far as it got. */
  stopped(turn: PersistedTurn): PersistedTurn {
    turn.error = this.fail(STOPPED);
    return this.finish(turn);
  }

  private terminal(m: ChatStreamMessage): void {
    if (this.ended) return;
    this.ended = true;
    this.o.post(m);
  }

  private post(m: DistributiveOmit<Exclude<ChatStreamMessage, { method: 'chat/start' | 'chat/end' | 'chat/error' }>, 'requestId' | 'seq'>): void {
    if (this.ended) return;
    this.o.post({ ...m, requestId: this.o.requestId, seq: this.seq++ } as ChatStreamMessage);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * One model call of a reply: streams its text and reasoning to the webview, reports each tool
 * call through `onToolCall` as it arrives, and returns what the call produced. Never throws and
 * posts no terminal message: a failure or a stop comes back as `error`, with the partial text.
 */
export async function runModelStep(
  reply: ReplyStream,
  backend: ChatBackend,
  request: ChatRequest,
  api: ApiId | undefined,
  signal: AbortSignal,
  onToolCall: (call: RequestedCall) => void,
): Promise<ModelStep> {
  const step: ModelStep = { text: '', reasoning: [], calls: [] };
  /** The block reasoning deltas append to; closed by a signature, a redacted block or text. */
  let openBlock: WireReasoning | undefined;
  try {
    for await (const e of backend.stream(request, signal, api ? { api } : undefined) as AsyncIterable<ChatEvent>) {
      switch (e.type) {
        case 'route':
          reply.route(e);
          break;
        case 'retry':
          reply.retry(e);
          break;
        case 'text':
          reply.ensureStarted();
          if (!e.text) break;
          openBlock = undefined;
          step.text += e.text;
          reply.delta('text', e.text);
          break;
        case 'reasoning':
          reply.ensureStarted();
          if (e.redacted) {
            openBlock = undefined;
            step.reasoning.push({ text: '', redactedBase64: Buffer.from(e.redacted).toString('base64') });
          } else {
            if (!openBlock) step.reasoning.push((openBlock = { text: '' }));
            openBlock.text += e.text;
            if (e.text) reply.delta('reasoning', e.text);
            if (e.signature) {
              openBlock.signature = e.signature;
              openBlock = undefined;
            }
          }
          break;
        case 'toolCall': {
          reply.ensureStarted();
          const call: RequestedCall = { id: String(e.id ?? ''), name: String(e.name || 'tool'), input: e.input };
          step.calls.push(call);
          onToolCall(call);
          break;
        }
        case 'usage':
          reply.stats.usage(e.inputTokens, e.outputTokens);
          break;
        case 'stop':
          step.stopReason = e.reason;
          break;
        case 'error':
          // The router's partial text is authoritative (it saw every delta, including any we missed).
          if (e.partialText.length > step.text.length) step.text = e.partialText;
          step.error = toWireError(e.error);
          return step;
        default:
          // metrics: the per-turn figures come from our own clock.
          break;
      }
    }
  } catch (err) {
    step.error = { kind: 'serviceError', message: `The request failed: ${err instanceof Error ? err.message : String(err)}`, action: errorAction('retry') };
    return step;
  }
  // A backend that stops quietly on abort still ends the step as cancelled, never as done.
  if (signal.aborted) step.error = STOPPED;
  return step;
}

/** A tool's input as the block shows it: pretty JSON, or the raw text when it is not JSON. */
export function toolInputText(input: unknown): string {
  if (typeof input === 'string') return input;
  try {
    return JSON.stringify(input ?? {}, null, 2) ?? '';
  } catch {
    return String(input);
  }
}
