// An agent reply's steps as the messages they were: each step's reasoning (signed blocks only),
// text and tool uses from the assistant, then every result in the next user message, with the
// ids the API gave. A call that never got a result (the turn was stopped, the window closed) is
// closed with an error result, so the history always pairs and the next request is accepted.
import type { ChatMessage, ContentPart } from '../bedrock/adapters/chatRequest';
import type { PersistedStep, WireToolCall } from '../../shared/protocol';
import { replayableReasoning } from '../chat/conversationModel';
import { NOT_RUN_STOPPED } from './toolCall';

export function stepMessages(steps: readonly PersistedStep[], turnIndex: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  steps.forEach((step, s) => {
    const calls = Array.isArray(step?.tools) ? step.tools.filter(isCall) : [];
    if (!calls.length) return;
    const ids = calls.map((c, i) => (c.id ? c.id : `call_${turnIndex}_${s}_${i}`));
    const text = typeof step.text === 'string' && step.text.trim() ? [{ type: 'text' as const, text: step.text }] : [];
    out.push({
      role: 'assistant',
      content: [...replayableReasoning(step.reasoning), ...text, ...calls.map((c, i): ContentPart => ({ type: 'toolUse', id: ids[i], name: c.name, input: inputOf(c.input) }))],
    });
    out.push({ role: 'user', content: calls.map((c, i): ContentPart => resultOf(c, ids[i])) });
  });
  return out;
}

function resultOf(call: WireToolCall, id: string): ContentPart {
  const ran = call.status === 'done' || call.status === 'failed' || call.status === 'denied' || call.status === 'cancelled';
  const content = ran && typeof call.result === 'string' && call.result ? call.result : NOT_RUN_STOPPED;
  const isError = call.status !== 'done';
  return { type: 'toolResult', toolUseId: id, content, ...(isError ? { isError: true } : {}) };
}

/** The stored input (pretty JSON) as the object the model sent; anything else as an empty object. */
function inputOf(text: unknown): unknown {
  if (typeof text !== 'string') return {};
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

function isCall(c: unknown): c is WireToolCall {
  return typeof c === 'object' && c !== null && typeof (c as WireToolCall).name === 'string' && !!(c as WireToolCall).name;
}
