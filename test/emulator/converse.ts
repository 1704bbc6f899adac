// Converse, ConverseStream and CountTokens.
import type { CatalogModel } from './catalog';
import type { Conversation, ReplyPlan } from './conversation';
import { argumentsText, jsonFragments, planReply, textOf } from './conversation';
import { eventFrame } from './eventStream';
import { awsExceptionFrame } from './exchange';
import { parseInvokeConversation } from './invokeFamilies';
import { acceptMedia } from './media';
import { hash32, prng } from './random';
import { countTokens as countText } from './replyText';
import { converseReasoningFields, reasoningProblem } from './reasoningRules';
import type { RouteCall } from './routeContext';
import { MESSAGES, maxTokensMessage, schemaMessage, validation } from './serviceError';
import { toolHistory, toolProblem } from './toolExchange';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const THINKING_MESSAGE =
  'The model returned the following errors: messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

function hasCachePoint(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasCachePoint);
  if (value && typeof value === 'object') return 'cachePoint' in value || Object.values(value).some(hasCachePoint);
  return false;
}

export function converseConversation(body: Json): Conversation {
  const messages: Json[] = Array.isArray(body.messages) ? body.messages : [];
  const last = messages[messages.length - 1];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const thinking = body.additionalModelRequestFields?.thinking;
  const texts = [...(body.system ?? []).map(textOf), ...messages.map((m) => textOf(m.content))];
  return {
    prompt: lastUser ? (lastUser.content ?? []).map((c: Json) => (typeof c.text === 'string' ? c.text : '')).join('\n') : '',
    inputText: texts.join('\n'),
    maxTokens: body.inferenceConfig?.maxTokens,
    stopSequences: body.inferenceConfig?.stopSequences,
    tools: (body.toolConfig?.tools ?? []).filter((t: Json) => t.toolSpec).map((t: Json) => ({ name: t.toolSpec.name, schema: t.toolSpec.inputSchema?.json })),
    afterToolResult: Array.isArray(last?.content) && last.content.some((c: Json) => c.toolResult),
    ...toolHistory('converse', body),
    thinking:
      (thinking && (thinking.type === 'enabled' || thinking.type === 'adaptive')) ||
      !!body.additionalModelRequestFields?.reasoningConfig ||
      !!body.additionalModelRequestFields?.reasoning_effort,
  };
}

function validateConverse(model: CatalogModel, body: Json, stream: boolean): void {
  if (!model.apis.converse) throw validation(MESSAGES.unsupportedAction);
  if (stream && !model.streaming) throw validation(MESSAGES.unsupportedStreaming);
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0 || messages[0]?.role !== 'user')
    throw validation('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  if (Array.isArray(body.system) && body.system.length > 0 && !model.features.system) throw validation(MESSAGES.noSystem);
  if (body.toolConfig && !model.features.tools) throw validation(MESSAGES.noTools);
  if (stream && body.toolConfig && !model.features.streamingTools) throw validation(MESSAGES.noStreamingTools);
  if (!model.features.cachePoint && (hasCachePoint(body.messages) || hasCachePoint(body.system) || hasCachePoint(body.toolConfig)))
    throw validation(schemaMessage('#: extraneous key [cachePoint] is not permitted'));
  const max = body.inferenceConfig?.maxTokens;
  if (typeof max === 'number' && max > model.maxOutputTokens) throw validation(maxTokensMessage(model.maxOutputTokens));
  const reasoning = reasoningProblem(model, converseReasoningFields(body));
  if (reasoning) throw validation(reasoning);
  const thinking = body.additionalModelRequestFields?.thinking;
  if (model.family === 'anthropic' && thinking?.type === 'enabled') {
    const lastAssistant = [...messages].reverse().find((m: Json) => m.role === 'assistant');
    const usesTools = lastAssistant?.content?.some((c: Json) => c.toolUse);
    if (usesTools && !lastAssistant.content[0]?.reasoningContent) throw validation(THINKING_MESSAGE);
  }
  const tools = toolProblem('converse', body, model.family === 'anthropic');
  if (tools) throw validation(tools);
}

function usage(plan: ReplyPlan, body: Json): Json {
  const u: Json = { inputTokens: plan.inputTokens, outputTokens: plan.outputTokens, totalTokens: plan.inputTokens + plan.outputTokens };
  if (hasCachePoint(body.messages) || hasCachePoint(body.system)) {
    u.cacheReadInputTokens = 0;
    u.cacheWriteInputTokens = plan.inputTokens;
  }
  return u;
}

export function converseContent(plan: ReplyPlan): Json[] {
  const content: Json[] = [];
  if (plan.reasoning) content.push({ reasoningContent: { reasoningText: { text: plan.reasoning.text, signature: plan.reasoning.signature } } });
  if (plan.text) content.push({ text: plan.text });
  for (const t of plan.toolCalls) content.push({ toolUse: { toolUseId: t.id, name: t.name, input: t.input } });
  return content;
}

function plan(call: RouteCall, conv: Conversation): ReplyPlan {
  return planReply(conv, { seed: call.state.seed, scenario: call.state.scenario, route: call.route, modelId: call.resolved!.model.modelId });
}

export async function converse(call: RouteCall): Promise<void> {
  const body = (call.body ?? {}) as Json;
  const { model } = call.resolved!;
  validateConverse(model, body, false);
  const p = plan(call, { ...converseConversation(body), media: acceptMedia(model, 'converse', body) });
  const latencyMs = 100 + (p.outputTokens % 400);
  await call.ex.sendJson(200, {
    output: { message: { role: 'assistant', content: converseContent(p) } },
    stopReason: p.stopReason,
    usage: usage(p, body),
    metrics: { latencyMs },
    ...(body.performanceConfig ? { performanceConfig: body.performanceConfig } : {}),
    ...(body.serviceTier ? { serviceTier: body.serviceTier } : {}),
  });
}

/** The ConverseStream event sequence for a plan, as [eventType, payload, isContent] triples. */
export function converseStreamEvents(p: ReplyPlan, body: Json): Array<[string, Json, boolean]> {
  const ev: Array<[string, Json, boolean]> = [['messageStart', { role: 'assistant' }, false]];
  let index = 0;
  if (p.reasoning) {
    for (const d of jsonlessSplit(p.reasoning.text)) ev.push(['contentBlockDelta', { delta: { reasoningContent: { text: d } }, contentBlockIndex: index }, true]);
    ev.push(['contentBlockDelta', { delta: { reasoningContent: { signature: p.reasoning.signature } }, contentBlockIndex: index }, false]);
    ev.push(['contentBlockStop', { contentBlockIndex: index }, false]);
    index++;
  }
  if (p.text) {
    for (const d of p.deltas) ev.push(['contentBlockDelta', { delta: { text: d }, contentBlockIndex: index }, true]);
    ev.push(['contentBlockStop', { contentBlockIndex: index }, false]);
    index++;
  }
  for (const t of p.toolCalls) {
    ev.push(['contentBlockStart', { start: { toolUse: { toolUseId: t.id, name: t.name } }, contentBlockIndex: index }, false]);
    for (const f of jsonFragments(argumentsText(t))) ev.push(['contentBlockDelta', { delta: { toolUse: { input: f } }, contentBlockIndex: index }, true]);
    ev.push(['contentBlockStop', { contentBlockIndex: index }, false]);
    index++;
  }
  ev.push(['messageStop', { stopReason: p.stopReason }, false]);
  ev.push(['metadata', { usage: usage(p, body), metrics: { latencyMs: 100 + (p.outputTokens % 400) } }, false]);
  return ev;
}

function jsonlessSplit(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? [text];
}

export async function converseStream(call: RouteCall): Promise<void> {
  const body = (call.body ?? {}) as Json;
  const { model } = call.resolved!;
  validateConverse(model, body, true);
  const p = plan(call, { ...converseConversation(body), media: acceptMedia(model, 'converse', body) });
  const rand = prng(hash32(call.record.requestId));
  call.ex.startStream({ 'content-type': 'application/vnd.amazon.eventstream' });
  for (const [type, payload, content] of converseStreamEvents(p, body)) {
    await call.ex.event(eventFrame(type, payload, 1 + Math.floor(rand() * 40)), awsExceptionFrame, p.pace, content);
  }
  call.ex.finish();
}

export async function countTokens(call: RouteCall): Promise<void> {
  const body = (call.body ?? {}) as Json;
  const { model } = call.resolved!;
  if (!model.features.countTokens) throw validation(MESSAGES.noCountTokens);
  const input = body.input ?? {};
  let conv: Conversation;
  if (input.converse) conv = converseConversation(input.converse);
  else if (input.invokeModel?.body) {
    const raw = Buffer.from(String(input.invokeModel.body), 'base64').toString('utf8');
    conv = parseInvokeConversation(model, JSON.parse(raw) as Json);
  } else throw validation(schemaMessage('#/input: required key [converse] or [invokeModel] not found'));
  await call.ex.sendJson(200, { inputTokens: Math.max(1, countText(conv.inputText)) });
}
