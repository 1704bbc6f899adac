// Every API spells stop reasons differently; the UI gets one set.
import type { StopReason } from './chatEvent';

const MAP: Record<string, StopReason> = {
  end_turn: 'end_turn',
  stop: 'end_turn',
  complete: 'end_turn',
  finish: 'end_turn',
  completed: 'end_turn',
  eos: 'end_turn',
  tool_use: 'tool_use',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  max_tokens: 'max_tokens',
  length: 'max_tokens',
  max_output_tokens: 'max_tokens',
  incomplete: 'max_tokens',
  stop_sequence: 'stop_sequence',
  stop_criteria_met: 'stop_sequence',
  content_filtered: 'content_filtered',
  content_filter: 'content_filtered',
  error_toxic: 'content_filtered',
  refusal: 'content_filtered',
  guardrail_intervened: 'guardrail_intervened',
  model_context_window_exceeded: 'context_window_exceeded',
};

export function normalizeStopReason(raw: string | null | undefined): StopReason {
  if (!raw) return 'other';
  return MAP[raw.toLowerCase()] ?? 'other';
}
