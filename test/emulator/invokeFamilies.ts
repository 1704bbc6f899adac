// InvokeModel / InvokeModelWithResponseStream bodies for the text families:
// each family parses its native request into a Conversation and renders the plan natively.
import type { CatalogModel } from './catalog';
import type { Conversation, ReplyPlan } from './conversation';
import { argumentsText, planReply } from './conversation';
import { acceptMedia } from './media';
import { anthropicConversation, anthropicMessage, anthropicModelName, anthropicStreamEvents } from './anthropicFormat';
import { chatChunks, chatCompletion, chatConversation, finishReason } from './openaiFormat';
import { converseConversation, converseContent } from './converse';
import { embedInvoke, isNonTextFamily } from './embedFamilies';
import { chunkFrame } from './eventStream';
import { awsExceptionFrame, type StreamErrorEncoder } from './exchange';
import { hash32, prng, randomId } from './random';
import { invokeReasoningFields, reasoningProblem } from './reasoningRules';
import type { RouteCall } from './routeContext';
import { MESSAGES, anthropicErrorBody, maxTokensMessage, schemaMessage, validation } from './serviceError';
import { toolProblem } from './toolExchange';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function requireKey(body: Json, key: string): void {
  if (body[key] === undefined) throw validation(schemaMessage(`#: required key [${key}] not found`));
}

/** Strips chat-template control tokens from a raw prompt (Llama, Mistral, DeepSeek). */
function promptText(prompt: string): string {
  const parts = prompt.split(/<\|[^|]*\|>|<｜[^｜]*｜>|\[\/?INST\]|<\/?s>|<think>/).map((s) => s.trim()).filter(Boolean);
  const userish = parts.filter((p) => !['user', 'assistant', 'system'].includes(p));
  return userish[userish.length - 1] ?? prompt;
}

const textConv = (prompt: string, inputText: string, maxTokens?: number, stop?: string[]): Conversation => ({
  prompt,
  inputText,
  maxTokens,
  stopSequences: stop,
  tools: [],
  afterToolResult: false,
  thinking: false,
});

export function parseInvokeConversation(model: CatalogModel, body: Json): Conversation {
  switch (model.family) {
    case 'anthropic':
      requireKey(body, 'anthropic_version');
      requireKey(body, 'max_tokens');
      requireKey(body, 'messages');
      return { ...anthropicConversation(body), media: acceptMedia(model, 'anthropic', body) };
    case 'nova': {
      requireKey(body, 'messages');
      const conv = converseConversation({ ...body, additionalModelRequestFields: { reasoningConfig: body.inferenceConfig?.reasoningConfig?.type === 'enabled' ? {} : undefined } });
      conv.maxTokens = body.inferenceConfig?.maxTokens ?? body.inferenceConfig?.max_new_tokens;
      conv.media = acceptMedia(model, 'converse', body);
      return conv;
    }
    case 'titanText': {
      requireKey(body, 'inputText');
      const cfg = body.textGenerationConfig ?? {};
      return textConv(String(body.inputText).replace(/^User:\s*|\s*Bot:\s*$/g, ''), String(body.inputText), cfg.maxTokenCount, cfg.stopSequences);
    }
    case 'llama':
      requireKey(body, 'prompt');
      return textConv(promptText(String(body.prompt)), String(body.prompt), body.max_gen_len);
    case 'deepseekR1': {
      requireKey(body, 'prompt');
      const conv = textConv(promptText(String(body.prompt)), String(body.prompt), body.max_tokens, body.stop);
      conv.thinking = true;
      return conv;
    }
    case 'mistral':
      if (Array.isArray(body.messages)) return chatConversation(body);
      requireKey(body, 'prompt');
      return textConv(promptText(String(body.prompt)), String(body.prompt), body.max_tokens, body.stop);
    case 'cohereChat':
      requireKey(body, 'message');
      return {
        ...textConv(String(body.message), [body.preamble ?? '', ...(body.chat_history ?? []).map((m: Json) => m.message), body.message].join('\n'), body.max_tokens, body.stop_sequences),
        tools: (body.tools ?? []).map((t: Json) => ({ name: t.name, schema: { type: 'object', properties: t.parameter_definitions ?? {} } })),
        afterToolResult: Array.isArray(body.tool_results) && body.tool_results.length > 0,
      };
    default:
      requireKey(body, 'messages');
      return chatConversation(body);
  }
}

function metrics(plan: ReplyPlan): Json {
  return {
    inputTokenCount: plan.inputTokens,
    outputTokenCount: plan.outputTokens,
    invocationLatency: 100 + (plan.outputTokens % 400),
    firstByteLatency: 40 + (plan.inputTokens % 60),
    ...plan.invocationMetrics,
  };
}

function completionId(plan: ReplyPlan, prefix: string): string {
  return `${prefix}${randomId(prng(hash32(plan.text)), 24, 'abcdef0123456789')}`;
}

/** The non-streaming native response body. */
function renderResponse(model: CatalogModel, body: Json, plan: ReplyPlan): Json {
  const created = 1767225600;
  switch (model.family) {
    case 'anthropic':
      return anthropicMessage(plan, anthropicModelName(model.modelId));
    case 'nova':
      return {
        output: { message: { role: 'assistant', content: converseContent(plan) } },
        stopReason: plan.stopReason,
        usage: { inputTokens: plan.inputTokens, outputTokens: plan.outputTokens, totalTokens: plan.inputTokens + plan.outputTokens, cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 },
      };
    case 'titanText':
      return {
        inputTextTokenCount: plan.inputTokens,
        results: [{ tokenCount: plan.outputTokens, outputText: plan.text, completionReason: plan.stopReason === 'max_tokens' ? 'LENGTH' : plan.stopReason === 'stop_sequence' ? 'STOP_CRITERIA_MET' : 'FINISH' }],
      };
    case 'llama':
      return { generation: plan.text, prompt_token_count: plan.inputTokens, generation_token_count: plan.outputTokens, stop_reason: plan.stopReason === 'max_tokens' ? 'length' : 'stop' };
    case 'deepseekR1':
      return { choices: [{ text: deepseekText(plan), stop_reason: plan.stopReason === 'max_tokens' ? 'length' : 'stop' }] };
    case 'mistral':
      if (Array.isArray(body.messages)) {
        const c = chatCompletion(plan, completionId(plan, ''), model.modelId, created);
        return { id: c.id, object: 'chat.completion', created, model: model.modelId, choices: [{ index: 0, message: c.choices[0].message, stop_reason: c.choices[0].finish_reason }], usage: c.usage };
      }
      return { outputs: [{ text: plan.text, stop_reason: plan.stopReason === 'max_tokens' ? 'length' : 'stop' }] };
    case 'cohereChat':
      return cohereResponse(plan, body);
    case 'jamba': {
      const c = chatCompletion(plan, completionId(plan, 'chatcmpl-'), model.modelId, created);
      c.choices[0].message.tool_calls ??= null;
      return { id: c.id, choices: c.choices, usage: c.usage, meta: { requestDurationMillis: 120 }, model: model.modelId.replace(/^ai21\./, '').replace(/-v\d+:\d+$/, '') };
    }
    default:
      return chatCompletion(plan, completionId(plan, 'chatcmpl-'), model.modelId, created);
  }
}

function deepseekText(plan: ReplyPlan): string {
  return plan.reasoning ? `${plan.reasoning.text}\n</think>\n\n${plan.text}` : plan.text;
}

function cohereResponse(plan: ReplyPlan, body: Json): Json {
  const id = completionId(plan, '');
  const out: Json = {
    response_id: id,
    text: plan.text,
    generation_id: `gen-${id.slice(0, 12)}`,
    chat_history: [...(body.chat_history ?? []), { role: 'USER', message: body.message }, { role: 'CHATBOT', message: plan.text }],
    finish_reason: plan.stopReason === 'max_tokens' ? 'MAX_TOKENS' : 'COMPLETE',
  };
  if (plan.toolCalls.length > 0) out.tool_calls = plan.toolCalls.map((t) => ({ name: t.name, parameters: t.input }));
  return out;
}

/** Native stream chunks (before the invocation metrics are added to the last one). */
function renderChunks(model: CatalogModel, body: Json, plan: ReplyPlan): Array<[Json, boolean]> {
  const created = 1767225600;
  switch (model.family) {
    case 'anthropic':
      return anthropicStreamEvents(plan, anthropicModelName(model.modelId));
    case 'nova': {
      const out: Array<[Json, boolean]> = [[{ messageStart: { role: 'assistant' } }, false]];
      let index = 0;
      if (plan.reasoning) {
        out.push([{ contentBlockDelta: { delta: { reasoningContent: { text: plan.reasoning.text } }, contentBlockIndex: index } }, true]);
        out.push([{ contentBlockStop: { contentBlockIndex: index++ } }, false]);
      }
      if (plan.text) {
        for (const d of plan.deltas) out.push([{ contentBlockDelta: { delta: { text: d }, contentBlockIndex: index } }, true]);
        out.push([{ contentBlockStop: { contentBlockIndex: index++ } }, false]);
      }
      for (const t of plan.toolCalls) {
        out.push([{ contentBlockStart: { start: { toolUse: { toolUseId: t.id, name: t.name } }, contentBlockIndex: index } }, false]);
        out.push([{ contentBlockDelta: { delta: { toolUse: { input: argumentsText(t) } }, contentBlockIndex: index } }, true]);
        out.push([{ contentBlockStop: { contentBlockIndex: index++ } }, false]);
      }
      out.push([{ messageStop: { stopReason: plan.stopReason } }, false]);
      out.push([{ metadata: { usage: { inputTokens: plan.inputTokens, outputTokens: plan.outputTokens }, metrics: {}, trace: {} } }, false]);
      return out;
    }
    case 'titanText': {
      const reason = plan.stopReason === 'max_tokens' ? 'LENGTH' : 'FINISH';
      return plan.deltas.map((d, i, all) => {
        const last = i === all.length - 1;
        return [{ outputText: d, index: 0, totalOutputTextTokenCount: last ? plan.outputTokens : null, completionReason: last ? reason : null, inputTextTokenCount: i === 0 ? plan.inputTokens : null }, true];
      });
    }
    case 'llama':
      return plan.deltas.map((d, i, all) => [
        { generation: d, prompt_token_count: i === 0 ? plan.inputTokens : null, generation_token_count: i + 1, stop_reason: i === all.length - 1 ? (plan.stopReason === 'max_tokens' ? 'length' : 'stop') : null },
        true,
      ]);
    case 'deepseekR1': {
      const pieces = deepseekText(plan).match(/\s*\S+\s*/g) ?? [''];
      return pieces.map((d, i) => [{ choices: [{ text: d, stop_reason: i === pieces.length - 1 ? 'stop' : null }] }, true]);
    }
    case 'mistral':
      if (Array.isArray(body.messages))
        return [
          ...plan.deltas.map((d): [Json, boolean] => [{ choices: [{ index: 0, message: { role: 'assistant', content: d }, stop_reason: null }] }, true]),
          [{ choices: [{ index: 0, message: { role: 'assistant', content: '' }, stop_reason: finishReason(plan.stopReason) }] }, false],
        ];
      return [
        ...plan.deltas.map((d): [Json, boolean] => [{ outputs: [{ text: d, stop_reason: null }] }, true]),
        [{ outputs: [{ text: '', stop_reason: plan.stopReason === 'max_tokens' ? 'length' : 'stop' }] }, false],
      ];
    case 'cohereChat': {
      const id = completionId(plan, '');
      return [
        [{ is_finished: false, event_type: 'stream-start', generation_id: `gen-${id.slice(0, 12)}` }, false],
        ...plan.deltas.map((d): [Json, boolean] => [{ is_finished: false, event_type: 'text-generation', text: d }, true]),
        [{ is_finished: true, event_type: 'stream-end', finish_reason: plan.stopReason === 'max_tokens' ? 'MAX_TOKENS' : 'COMPLETE', response: cohereResponse(plan, body) }, false],
      ];
    }
    case 'jamba': {
      const stop = finishReason(plan.stopReason);
      return [
        ...plan.deltas.map((d): [Json, boolean] => [{ choices: [{ index: 0, message: { role: 'assistant', content: d }, stop_reason: null }] }, true]),
        [{ choices: [{ index: 0, message: { role: 'assistant', content: '' }, stop_reason: stop }], usage: { prompt_tokens: plan.inputTokens, completion_tokens: plan.outputTokens, total_tokens: plan.inputTokens + plan.outputTokens } }, false],
      ];
    }
    default:
      return chatChunks(plan, completionId(plan, 'chatcmpl-'), model.modelId, created, false);
  }
}

function validateInvoke(model: CatalogModel, conv: Conversation, body: Json): void {
  const tools = model.family === 'anthropic' ? toolProblem('anthropic', body, true) : model.family === 'nova' ? toolProblem('converse', body, false) : undefined;
  if (tools) throw validation(tools);
  if (conv.maxTokens !== undefined && conv.maxTokens > model.maxOutputTokens) throw validation(maxTokensMessage(model.maxOutputTokens));
  const reasoning = reasoningProblem(model, invokeReasoningFields(model, body));
  if (reasoning) throw validation(reasoning);
}

function parseBody(call: RouteCall): Json {
  if (call.body && typeof call.body === 'object') return call.body as Json;
  throw validation(schemaMessage('#: expected type: JSONObject, found: Null'));
}

export async function invokeModel(call: RouteCall): Promise<void> {
  const { model } = call.resolved!;
  if (!model.apis.invoke) throw validation(MESSAGES.unsupportedAction);
  const body = parseBody(call);
  if (isNonTextFamily(model.family)) {
    const { response, inputTokens } = embedInvoke(model, body, call.state.seed);
    await call.ex.sendJson(200, response, {
      'x-amzn-bedrock-invocation-latency': '35',
      'x-amzn-bedrock-input-token-count': String(inputTokens),
    });
    return;
  }
  const conv = parseInvokeConversation(model, body);
  validateInvoke(model, conv, body);
  const plan = planReply(conv, { seed: call.state.seed, scenario: call.state.scenario, route: call.route, modelId: model.modelId });
  const m = metrics(plan);
  await call.ex.sendJson(200, renderResponse(model, body, plan), {
    'x-amzn-bedrock-invocation-latency': String(m.invocationLatency),
    'x-amzn-bedrock-input-token-count': String(plan.inputTokens),
    'x-amzn-bedrock-output-token-count': String(plan.outputTokens),
  });
}

export async function invokeModelStream(call: RouteCall): Promise<void> {
  const { model } = call.resolved!;
  if (!model.apis.invoke) throw validation(MESSAGES.unsupportedAction);
  if (!model.streaming || isNonTextFamily(model.family)) throw validation(MESSAGES.unsupportedStreaming);
  const body = parseBody(call);
  const conv = parseInvokeConversation(model, body);
  validateInvoke(model, conv, body);
  const plan = planReply(conv, { seed: call.state.seed, scenario: call.state.scenario, route: call.route, modelId: model.modelId });
  const chunks = renderChunks(model, body, plan);
  chunks[chunks.length - 1]![0]['amazon-bedrock-invocationMetrics'] = metrics(plan);
  const rand = prng(hash32(call.record.requestId));
  // Claude's native stream can carry Anthropic `error` events as ordinary chunks of a 200 stream.
  const encodeError: StreamErrorEncoder = (err, fault) =>
    fault.kind === 'inBandError' && model.family === 'anthropic' ? chunkFrame(anthropicErrorBody(err), 1 + Math.floor(rand() * 40)) : awsExceptionFrame(err);
  call.ex.startStream({ 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-bedrock-content-type': 'application/json' });
  for (const [chunk, content] of chunks) {
    await call.ex.event(chunkFrame(chunk, 1 + Math.floor(rand() * 40)), encodeError, plan.pace, content);
  }
  call.ex.finish();
}

