// The contract between the router and one adapter per API. An adapter starts the HTTP call and
// returns raw items plus a synchronous mapper, so the hot path has a single async layer (the
// router's loop) between the SDK's stream and the consumer.
import type { ApiId } from '../catalog/apiId';
import type { ChatEvent } from './chatEvent';
import type { ChatRequest } from './chatRequest';
import type { BedrockConnection } from '../connection/connection';
import type { RouteStep } from '../routing/routePlan';

export interface AdapterContext {
  connection: BedrockConnection;
  /** Aborts the underlying HTTP request (user cancel or our idle timeout). */
  signal: AbortSignal;
}

export interface AdapterCall {
  /** Raw items: SDK stream events, decoded chunk JSON, SSE payloads, or one whole response. */
  events: AsyncIterable<unknown> | Iterable<unknown>;
  /** Appends the unified events for one raw item to `out`. */
  map(raw: unknown, out: ChatEvent[]): void;
  /** Flushes anything pending when the raw stream ends. */
  end?(out: ChatEvent[]): void;
}

export interface ChatAdapter {
  readonly apis: readonly ApiId[];
  start(req: ChatRequest, step: RouteStep, ctx: AdapterContext): Promise<AdapterCall>;
}

/** Streams vs one-shot, after the router's adjustments. */
export function isStreamingStep(step: RouteStep): boolean {
  if (step.adjustments.nonStreaming) return false;
  return step.api === 'converse-stream' || step.api === 'invoke-stream' || step.api === 'chat-completions' || step.api === 'responses' || step.api === 'messages';
}
