// The unified stream every adapter produces, whichever API served the request. The chat panel
// renders only these.
import type { ClassifiedError } from '../errors/classifiedError';
import type { RouteStep } from '../routing/routePlan';

export const STOP_REASONS = [
  'end_turn',
  'tool_use',
  'max_tokens',
  'stop_sequence',
  'content_filtered',
  'guardrail_intervened',
  'context_window_exceeded',
  'other',
] as const;

export type StopReason = (typeof STOP_REASONS)[number];

export type ChatEvent =
  /** Which route is serving this attempt; a later `route` means a fallback happened. */
  | { type: 'route'; step: RouteStep; attempt: number; fallbackFrom?: { step: RouteStep; reason: string } }
  /** The service failed transiently; attempt `attempt` of `maxAttempts` follows after `delayMs`. */
  | { type: 'retry'; attempt: number; maxAttempts: number; reason: string; delayMs: number }
  | { type: 'text'; text: string }
  /** Reasoning text; `signature` arrives once at the end of a signed block, `redacted` for redacted blocks. */
  | { type: 'reasoning'; text: string; signature?: string; redacted?: Uint8Array }
  | { type: 'toolCall'; id: string; name: string; input: unknown }
  | { type: 'usage'; inputTokens?: number; outputTokens?: number; cacheReadTokens?: number; cacheWriteTokens?: number }
  | { type: 'metrics'; latencyMs?: number; firstByteLatencyMs?: number }
  | { type: 'stop'; reason: StopReason; raw?: string }
  /** Terminal: the turn failed. `partialText` is what had streamed before the failure. */
  | { type: 'error'; error: ClassifiedError; partialText: string };
