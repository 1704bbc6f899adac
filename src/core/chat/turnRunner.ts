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
  const clock = o.clock ?? (() => performance.now());
  const stats = new TurnStatsTracker(o.request.modelId, o.api ?? 'converse-stream', clock);
  if (o.notice) stats.notice(o.notice);
  const turn: PersistedTurn = { role: 'assistant', text: '' };
  const reasoning: WireReasoning[] = [];
  /** The block reasoning deltas append to; closed by a signature, a redacted block or text. */
  let openBlock: WireReasoning | undefined;
  let seq = 0;
  let started = false;
  let stopReason: StopReason | undefined;
  const { requestId } = o;

  const start = (modelId: string, api: ApiId) => {
    started = true;
    o.post({ method: 'chat/start', requestId, seq: seq++, conversationId: o.conversationId, modelId, api });
  };
  const ensureStarted = () => {
    if (!started) start(o.request.modelId, o.api ?? 'converse-stream');
  };
  const fail = (error: WireError) => {
    ensureStarted();
    stats.end();
    turn.error = error;
    o.post({ method: 'chat/error', requestId, seq: seq++, error, stats: stats.snapshot });
  };

  if (o.signal.aborted) {
    // Replaced or stopped before it began: nothing is sent, and the turn still ends as cancelled.
    fail({ kind: 'cancelled', message: 'Stopped.', action: errorAction('none') });
    return finish(turn, stats);
  }
  try {
    for await (const e of o.backend.stream(o.request, o.signal, o.api ? { api: o.api } : undefined) as AsyncIterable<ChatEvent>) {
      switch (e.type) {
        case 'route': {
          // Say so when a per-turn API override was not honoured, so the line never misleads.
          const note = e.fallbackFrom?.reason ?? (o.api && e.step.api !== o.api ? `${o.api} was requested; the router chose ${e.step.api}` : undefined);
          stats.route(e.step.target, e.step.api, note);
          if (!started) start(e.step.target, e.step.api);
          else o.post({ method: 'chat/route', requestId, seq: seq++, modelId: e.step.target, api: e.step.api, ...(note ? { reason: note } : {}) });
          break;
        }
        case 'retry':
          ensureStarted();
          o.post({ method: 'chat/retry', requestId, seq: seq++, attempt: e.attempt, maxAttempts: e.maxAttempts, reason: e.reason, delayMs: e.delayMs });
          break;
        case 'text':
          ensureStarted();
          if (!e.text) break;
          openBlock = undefined;
          stats.token();
          turn.text += e.text;
          o.post({ method: 'chat/delta', requestId, seq: seq++, channel: 'text', text: e.text });
          break;
        case 'reasoning':
          ensureStarted();
          if (e.redacted) {
            openBlock = undefined;
            reasoning.push({ text: '', redactedBase64: Buffer.from(e.redacted).toString('base64') });
          } else {
            if (!openBlock) reasoning.push((openBlock = { text: '' }));
            openBlock.text += e.text;
            if (e.text) {
              stats.token();
              o.post({ method: 'chat/delta', requestId, seq: seq++, channel: 'reasoning', text: e.text });
            }
            if (e.signature) {
              openBlock.signature = e.signature;
              openBlock = undefined;
            }
          }
          turn.reasoning = reasoning;
          break;
        case 'toolCall': {
          // Nothing in the chat runs tools yet: the call is shown (and kept) as the model made it.
          ensureStarted();
          const tool: WireToolCall = { id: String(e.id ?? ''), name: String(e.name || 'tool'), input: toolInputText(e.input), status: 'requested' };
          (turn.tools ??= []).push(tool);
          o.post({ method: 'chat/tool', requestId, seq: seq++, tool: { ...tool } });
          break;
        }
        case 'usage':
          stats.usage(e.inputTokens, e.outputTokens);
          break;
        case 'stop':
          stopReason = e.reason;
          break;
        case 'error':
          // The router's partial text is authoritative (it saw every delta, including any we missed).
          if (e.partialText.length > turn.text.length) turn.text = e.partialText;
          fail(toWireError(e.error));
          return finish(turn, stats);
        default:
          // metrics: the per-turn figures come from our own clock.
          break;
      }
    }
  } catch (err) {
    fail({ kind: 'serviceError', message: `The request failed: ${err instanceof Error ? err.message : String(err)}`, action: errorAction('retry') });
    return finish(turn, stats);
  }
  if (o.signal.aborted) {
    // A backend that stops quietly on abort still ends the turn as cancelled, never as done.
    fail({ kind: 'cancelled', message: 'Stopped.', action: errorAction('none') });
    return finish(turn, stats);
  }
  ensureStarted();
  stats.end();
  turn.stopReason = stopReason ?? 'end_turn';
  o.post({ method: 'chat/end', requestId, seq: seq++, stopReason: turn.stopReason, stats: stats.snapshot });
  return finish(turn, stats);
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

function finish(turn: PersistedTurn, stats: TurnStatsTracker): PersistedTurn {
  turn.stats = stats.snapshot;
  if (turn.reasoning && !turn.reasoning.length) delete turn.reasoning;
  return turn;
}
