// Anthropic Messages shapes, shared by Claude InvokeModel bodies and the mantle Messages endpoint.
import type { Conversation, ReplyPlan } from './conversation';
import { argumentsText, jsonFragments, textOf } from './conversation';
import { hash32, prng, randomId } from './random';
import { toolHistory } from './toolExchange';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function anthropicConversation(body: Json): Conversation {
  const messages: Json[] = Array.isArray(body.messages) ? body.messages : [];
  const userText = (c: unknown): string =>
    typeof c === 'string' ? c : Array.isArray(c) ? c.filter((b: Json) => b.type === 'text').map((b: Json) => b.text).join('\n') : '';
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const last = messages[messages.length - 1];
  return {
    prompt: lastUser ? userText(lastUser.content) : '',
    inputText: [textOf(body.system ?? ''), ...messages.map((m) => textOf(m.content))].join('\n'),
    maxTokens: body.max_tokens,
    stopSequences: body.stop_sequences,
    tools: (body.tools ?? []).filter((t: Json) => t.name).map((t: Json) => ({ name: t.name, schema: t.input_schema })),
    afterToolResult: Array.isArray(last?.content) && last.content.some((b: Json) => b.type === 'tool_result'),
    ...toolHistory('anthropic', body),
    thinking: body.thinking?.type === 'enabled' || body.thinking?.type === 'adaptive',
  };
}

/** `anthropic.claude-3-5-sonnet-20241022-v2:0` → `claude-3-5-sonnet-20241022`. */
export function anthropicModelName(modelId: string): string {
  return modelId.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, '');
}

function ids(plan: ReplyPlan, prefix: string): { msg: string; tool: (i: number) => string } {
  const rand = prng(hash32(`${prefix}|${plan.text}`));
  const msg = `msg_${prefix}01${randomId(rand, 22)}`;
  return { msg, tool: (i) => `toolu_${prefix}01${randomId(prng(hash32(`${msg}|${i}`)), 22)}` };
}

function usage(plan: ReplyPlan, outputTokens = plan.outputTokens): Json {
  return { input_tokens: plan.inputTokens, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
}

function blocks(plan: ReplyPlan, toolId: (i: number) => string): Json[] {
  const content: Json[] = [];
  if (plan.reasoning) content.push({ type: 'thinking', thinking: plan.reasoning.text, signature: plan.reasoning.signature });
  if (plan.text) content.push({ type: 'text', text: plan.text });
  plan.toolCalls.forEach((t, i) => content.push({ type: 'tool_use', id: toolId(i), name: t.name, input: t.input }));
  return content;
}

/** `idPrefix` is `bdrk_` on Bedrock runtime. */
export function anthropicMessage(plan: ReplyPlan, model: string, idPrefix = 'bdrk_'): Json {
  const { msg, tool } = ids(plan, idPrefix);
  return {
    id: msg,
    type: 'message',
    role: 'assistant',
    model,
    content: blocks(plan, tool),
    stop_reason: plan.stopReason,
    stop_sequence: null,
    usage: usage(plan),
  };
}

/** Stream events as [payload, isContent]; each payload has its `type` (the SSE event name). */
export function anthropicStreamEvents(plan: ReplyPlan, model: string, idPrefix = 'bdrk_'): Array<[Json, boolean]> {
  const { msg, tool } = ids(plan, idPrefix);
  const out: Array<[Json, boolean]> = [
    [{ type: 'message_start', message: { id: msg, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: usage(plan, 1) } }, false],
  ];
  let index = 0;
  if (plan.reasoning) {
    out.push([{ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }, false]);
    for (const d of plan.reasoning.text.match(/\s*\S+\s*/g) ?? []) out.push([{ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: d } }, true]);
    out.push([{ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: plan.reasoning.signature } }, false]);
    out.push([{ type: 'content_block_stop', index }, false]);
    index++;
  }
  if (plan.text) {
    out.push([{ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }, false]);
    for (const d of plan.deltas) out.push([{ type: 'content_block_delta', index, delta: { type: 'text_delta', text: d } }, true]);
    out.push([{ type: 'content_block_stop', index }, false]);
    index++;
  }
  plan.toolCalls.forEach((t, i) => {
    out.push([{ type: 'content_block_start', index, content_block: { type: 'tool_use', id: tool(i), name: t.name, input: {} } }, false]);
    for (const f of jsonFragments(argumentsText(t))) out.push([{ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: f } }, true]);
    out.push([{ type: 'content_block_stop', index }, false]);
    index++;
  });
  out.push([{ type: 'message_delta', delta: { stop_reason: plan.stopReason, stop_sequence: null }, usage: { output_tokens: plan.outputTokens } }, false]);
  out.push([{ type: 'message_stop' }, false]);
  return out;
}
