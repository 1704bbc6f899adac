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
