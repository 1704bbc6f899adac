// OpenAI Chat Completions shapes, shared by gpt-oss-style InvokeModel bodies and the
// OpenAI-compatible endpoints.
import type { Conversation, ReplyPlan } from './conversation';
import { argumentsText, jsonFragments, textOf } from './conversation';
import { splitDeltas } from './replyText';
import { toolHistory } from './toolExchange';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function chatConversation(body: Json): Conversation {
  const messages: Json[] = Array.isArray(body.messages) ? body.messages : [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const last = messages[messages.length - 1];
  return {
    prompt: lastUser ? textOf(lastUser.content) : '',
    inputText: messages.map((m) => textOf(m.content)).join('\n'),
    maxTokens: body.max_completion_tokens ?? body.max_tokens,
    stopSequences: typeof body.stop === 'string' ? [body.stop] : body.stop,
    tools: (body.tools ?? []).filter((t: Json) => t.function).map((t: Json) => ({ name: t.function.name, schema: t.function.parameters })),
    afterToolResult: last?.role === 'tool',
    ...toolHistory('chat', body),
    thinking: !!body.reasoning_effort || !!body.reasoning,
  };
}

export function finishReason(stop: string): string {
  return stop === 'max_tokens' ? 'length' : stop === 'tool_use' ? 'tool_calls' : 'stop';
}

function toolCalls(plan: ReplyPlan): Json[] {
  return plan.toolCalls.map((t) => ({ id: `call_${t.id.replace(/^tooluse_/, '')}`, type: 'function', function: { name: t.name, arguments: argumentsText(t) } }));
}

/** Where reasoning goes: gpt-oss writes `<reasoning>` tags, DeepSeek/MiniMax/Kimi/Qwen `<think>`, others a field. */
function inlineTags(plan: ReplyPlan, modelId: string): [string, string] | undefined {
  const style = plan.inlineReasoning ?? (/^([\w-]+\.)?openai\.gpt-oss/.test(modelId) ? 'reasoning' : /^([\w-]+\.)?(deepseek|minimax|moonshotai|qwen)\./.test(modelId) ? 'think' : 'field');
  return style === 'field' ? undefined : [`<${style}>`, `</${style}>`];
}

/** Reasoning inline in the content, when the model writes it there. */
function inlineContent(plan: ReplyPlan, modelId: string): string | undefined {
  const tags = plan.reasoning && inlineTags(plan, modelId);
  return tags ? `${tags[0]}${plan.reasoning!.text}${tags[1]}${plan.text}` : undefined;
}

export function chatCompletion(plan: ReplyPlan, id: string, model: string, created: number): Json {
  const inline = inlineContent(plan, model);
  const message: Json = { role: 'assistant', content: inline ?? (plan.text || null), refusal: null };
  if (plan.reasoning && inline === undefined) message.reasoning_content = plan.reasoning.text;
  if (plan.toolCalls.length > 0) message.tool_calls = toolCalls(plan);
  return {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(plan.stopReason) }],
    usage: { prompt_tokens: plan.inputTokens, completion_tokens: plan.outputTokens, total_tokens: plan.inputTokens + plan.outputTokens },
  };
}

/** chat.completion.chunk objects; the caller adds the `[DONE]` sentinel on SSE. */
export function chatChunks(plan: ReplyPlan, id: string, model: string, created: number, includeUsage: boolean): Array<[Json, boolean]> {
  const base = { id, object: 'chat.completion.chunk', created, model };
  const out: Array<[Json, boolean]> = [[{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] }, false]];
  const inline = inlineContent(plan, model);
  if (plan.reasoning && inline === undefined)
    for (const d of plan.reasoning.text.match(/\s*\S+\s*/g) ?? [])
      out.push([{ ...base, choices: [{ index: 0, delta: { reasoning_content: d }, logprobs: null, finish_reason: null }] }, true]);
  for (const d of inline === undefined ? plan.deltas : splitDeltas(inline, plan.chunkChars))
    out.push([{ ...base, choices: [{ index: 0, delta: { content: d }, logprobs: null, finish_reason: null }] }, true]);
  toolCalls(plan).forEach((tc, i) => {
    out.push([{ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: i, id: tc.id, type: 'function', function: { name: tc.function.name, arguments: '' } }] }, logprobs: null, finish_reason: null }] }, false]);
    for (const f of jsonFragments(tc.function.arguments))
      out.push([{ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: i, function: { arguments: f } }] }, logprobs: null, finish_reason: null }] }, true]);
  });
  out.push([{ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason(plan.stopReason) }] }, false]);
  if (includeUsage)
    out.push([{ ...base, choices: [], usage: { prompt_tokens: plan.inputTokens, completion_tokens: plan.outputTokens, total_tokens: plan.inputTokens + plan.outputTokens } }, false]);
  return out;
}
