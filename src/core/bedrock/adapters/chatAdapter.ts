// The contract between the router and one adapter per API. An adapter starts the HTTP call and
// returns raw items plus a synchronous mapper, so the hot path has a single async layer (the
// router's loop) between the SDK's stream and the consumer.
import type { ApiId } from '../catalog/apiId';
import type { ChatEvent } from './chatEvent';
import type { ChatRequest } from './chatRequest';
import type { Agent } from 'node:http';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { ConnectionInfo } from '../connection/connectionSettings';
import type { RetryPolicy } from '../routing/retryPolicy';
import type { RouteStep } from '../routing/routePlan';

/**
 * What an adapter reaches through the connection, and nothing more: `BedrockConnection` is one, and
 * a fake with these members is enough to unit-test an adapter.
 */
export interface AdapterConnection {
  readonly info: Pick<ConnectionInfo, 'endpoints'>;
  readonly userAgent: string;
  readonly retryPolicy: RetryPolicy;
  /** The SDK client of bedrock-runtime (Converse, InvokeModel). */
  runtime(): Promise<Pick<BedrockRuntimeClient, 'send'>>;
  /** The agent for a compatible-endpoint request (keep-alive, or the proxy). */
  httpAgent(url: string): Promise<Agent>;
  /** Bearer or SigV4 headers for a compatible-endpoint request. */
  authHeaders(endpoint: 'runtime' | 'mantle', req: { method: string; url: string; headers: Record<string, string>; body: string }): Promise<Record<string, string>>;
}

export interface AdapterContext {
  connection: AdapterConnection;
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
