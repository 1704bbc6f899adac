// The per-turn line under a reply: who answered, through which API, and how fast.
import { API_LABELS } from '../../src/shared/coreNames';
import type { TurnStats } from '../../src/shared/protocol';

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The figures, in a fixed order; parts the API did not report are left out, never shown as 0. */
export function turnLineParts(s: TurnStats): string[] {
  const parts = [s.modelId, API_LABELS[s.api] ?? s.api];
  if (s.timeToFirstTokenMs !== undefined) parts.push(`first token ${formatMs(s.timeToFirstTokenMs)}`);
  if (s.inputTokens !== undefined || s.outputTokens !== undefined) parts.push(`${s.inputTokens ?? '?'} in / ${s.outputTokens ?? '?'} out`);
  if (s.tokensPerSecond !== undefined) parts.push(`${s.tokensPerSecond} tok/s`);
  if (s.totalLatencyMs !== undefined) parts.push(`total ${formatMs(s.totalLatencyMs)}`);
  return parts;
}

export function formatTurnLine(s: TurnStats): string {
  return turnLineParts(s).join(' · ');
}

/** The router's retry reason (exception name, `HTTP 503`, network error code) in words for the turn line. */
export function retryReasonText(reason: string): string {
  if (/throttl|toomanyrequests|rate_limit|\b429\b/i.test(reason)) return 'throttling';
  if (/modelnotready/i.test(reason)) return 'the model was not ready';
  if (/overloaded|serviceunavailable|\b503\b/i.test(reason)) return 'the service was unavailable';
  if (/internalserver|modelstreamerror|^HTTP 5\d\d$|api_error/i.test(reason)) return 'a server error';
  if (/^E[A-Z_]+$/.test(reason) || /timeout|network|socket/i.test(reason)) return 'a network error';
  return reason ? reason : 'a transient failure';
}
