// OpenAI-compatible (Chat Completions, Responses, Models) and Anthropic-compatible (Messages)
// endpoints: /openai/v1 and /anthropic/v1 on bedrock-runtime; /v1 (or /openai/v1) and /anthropic/v1 on
// bedrock-mantle.
import type { CatalogModel } from './catalog';
import type { Conversation, ReplyPlan } from './conversation';
import { argumentsText, jsonFragments, planReply, textOf } from './conversation';
import { acceptMedia } from './media';
import { anthropicConversation, anthropicMessage, anthropicStreamEvents } from './anthropicFormat';
import { chatChunks, chatCompletion, chatConversation } from './openaiFormat';
import { lookupMantleModel, lookupModel } from './modelResolver';
import { Catalog, onMantle } from './catalog';
import { hash32, prng, randomId } from './random';
import { anthropicReasoningFields, openAiReasoningFields, reasoningProblem, type ReasoningFields } from './reasoningRules';
import { countTokens } from './replyText';
import type { StreamErrorEncoder } from './exchange';
import type { RouteCall } from './routeContext';
import { MESSAGES, ServiceError, anthropicErrorBody, errorForKind, onDemandMessage, openAiErrorBody } from './serviceError';
import { toolHistory, toolProblem, type ToolFormat } from './toolExchange';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CREATED = 1767225600;

function sse(event: string | undefined, data: unknown): Buffer {
  const d = typeof data === 'string' ? data : JSON.stringify(data);
  return Buffer.from(`${event ? `event: ${event}\n` : ''}data: ${d}\n\n`, 'utf8');
}

function badRequest(message: string, code = 'invalid_request_error'): ServiceError {
  return new ServiceError(code, 400, message);
}

type CompatApi = 'chatCompletions' | 'responses' | 'messages';

function checkReasoning(model: CatalogModel, fields: ReasoningFields): void {
  const problem = reasoningProblem(model, fields);
  if (problem) throw badRequest(problem);
}

/**
 * The model named in the body, as the addressed host knows it. bedrock-runtime takes its own ids
 * and cross-Region profiles ("The provided model identifier is invalid." otherwise); Responses there
 * takes only a cross-Region profile. bedrock-mantle takes only the in-Region ids it lists, and serves
 * each model's OpenAI APIs under one path prefix (`/v1` or `/openai/v1`).
 */
function compatModel(call: RouteCall, name: unknown, api: CompatApi): CatalogModel {
  if (typeof name !== 'string' || !name) throw badRequest('you must provide a model parameter');
  const onMantle = call.record.service === 'bedrock-mantle';
  const r = onMantle ? lookupMantleModel(call.state.catalog, name) : lookupModel(call.state.catalog, name, call.region);
  if (!r) {
    if (onMantle) throw new ServiceError('model_not_found', 404, `The model '${name}' does not exist`);
    throw new ServiceError('ValidationException', 400, MESSAGES.invalidModel);
  }
  call.record.resolvedModelId = r.model.modelId;
  if (onMantle && api !== 'messages') {
    const prefix = call.record.path.startsWith('/openai/') ? '/openai/v1' : '/v1';
    if (prefix !== r.model.mantlePrefix) throw badRequest(`model ${name} isn't supported on this route`);
  }
  if (!onMantle && api === 'responses' && !(r.viaProfile && Catalog.isProfileShaped(name))) {
    throw badRequest(`The model '${name}' is not supported by the Responses API on bedrock-runtime: use a cross-Region inference profile ID (for example us.${r.model.modelId}).`);
  }
  if (!onMantle && api === 'messages' && !r.viaProfile && r.model.profileOnly) throw new ServiceError('ValidationException', 400, onDemandMessage(r.model.modelId));
  return r.model;
}

function plan(call: RouteCall, model: CatalogModel, conv: Conversation): ReplyPlan {
  return planReply(conv, { seed: call.state.seed, scenario: call.state.scenario, route: call.route, modelId: model.modelId });
}

function checkTools(format: ToolFormat, body: Json, anthropicModel: boolean): void {
  const problem = toolProblem(format, body, anthropicModel);
  if (problem) throw badRequest(problem);
}

function sseHeaders(): Record<string, string> {
  return { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };
}

const openAiStreamError = (err: ServiceError): Buffer => sse(undefined, openAiErrorBody(err));
const anthropicStreamError = (err: ServiceError): Buffer => sse('error', anthropicErrorBody(err));

export async function listModels(call: RouteCall): Promise<void> {
  const data = call.state.catalog.models
    .filter(onMantle)
    .map((m) => ({ id: m.mantleId, object: 'model', created: CREATED, owned_by: m.providerName.toLowerCase() }));
  await call.ex.sendJson(200, { object: 'list', data });
}

export async function chatCompletions(call: RouteCall): Promise<void> {
  const body = (call.body ?? {}) as Json;
  const model = compatModel(call, body.model, 'chatCompletions');
  if (!model.apis.chatCompletions) throw badRequest(`The model '${body.model}' does not support the '/v1/chat/completions' API`);
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw badRequest("Missing required parameter: 'messages'.");
  checkReasoning(model, openAiReasoningFields(body));
  checkTools('chat', body, false);
  const p = plan(call, model, { ...chatConversation(body), media: acceptMedia(model, 'chatCompletions', body, badRequest) });
  const id = `chatcmpl-${randomId(prng(hash32(call.record.requestId)), 24, 'abcdef0123456789')}`;
  if (!body.stream) {
    await call.ex.sendJson(200, chatCompletion(p, id, body.model, CREATED));
    return;
  }
  call.ex.startStream(sseHeaders());
  for (const [chunk, content] of chatChunks(p, id, body.model, CREATED, !!body.stream_options?.include_usage)) {
    await call.ex.event(sse(undefined, chunk), openAiStreamError, p.pace, content);
  }
  await call.ex.event(sse(undefined, '[DONE]'), openAiStreamError);
  call.ex.finish();
}

function responsesConversation(body: Json): Conversation {
  const input = body.input;
  const items: Json[] = typeof input === 'string' ? [{ role: 'user', content: input }] : Array.isArray(input) ? input : [];
  const users = items.filter((i) => i.role === 'user');
  const last = items[items.length - 1];
  return {
    prompt: users.length ? textOf(users[users.length - 1]!.content) : '',
    inputText: [body.instructions ?? '', ...items.map((i) => textOf(i.content ?? i.output ?? ''))].join('\n'),
    maxTokens: body.max_output_tokens,
    tools: (body.tools ?? []).filter((t: Json) => t.type === 'function').map((t: Json) => ({ name: t.name, schema: t.parameters })),
    afterToolResult: last?.type === 'function_call_output',
    ...toolHistory('responses', body),
    thinking: !!body.reasoning?.effort,
  };
}

function responseOutput(p: ReplyPlan, ids: { msg: string; rs: string; fc: (i: number) => string }): Json[] {
  const out: Json[] = [];
  if (p.reasoning) out.push({ type: 'reasoning', id: ids.rs, summary: [{ type: 'summary_text', text: p.reasoning.text }] });
  if (p.text) out.push({ type: 'message', id: ids.msg, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: p.text, annotations: [], logprobs: [] }] });
  p.toolCalls.forEach((t, i) => out.push({ type: 'function_call', id: ids.fc(i), call_id: `call_${t.id.replace(/^tooluse_/, '')}`, name: t.name, arguments: argumentsText(t), status: 'completed' }));
  return out;
}

function responseObject(body: Json, id: string, status: string, output: Json[], p?: ReplyPlan): Json {
  return {
    id,
    object: 'response',
    created_at: CREATED,
    status,
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: body.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: null },
    store: false,
    temperature: body.temperature ?? 1,
    text: { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: p
      ? {
          input_tokens: p.inputTokens,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: p.outputTokens,
          output_tokens_details: { reasoning_tokens: p.reasoning ? countTokens(p.reasoning.text) : 0 },
          total_tokens: p.inputTokens + p.outputTokens,
        }
      : null,
    metadata: {},
  };
}

export async function responses(call: RouteCall): Promise<void> {
  const body = (call.body ?? {}) as Json;
  const model = compatModel(call, body.model, 'responses');
  if (!model.apis.responses) throw badRequest(`The model '${body.model}' does not support the '/v1/responses' API`);
  if (body.input === undefined) throw badRequest("Missing required parameter: 'input'.");
  if (call.record.service === 'bedrock-runtime') {
    // bedrock-runtime runs Responses synchronously and only with function tools; mantle has the rest.
    if (body.background) throw badRequest('Background mode is not supported on bedrock-runtime; use bedrock-mantle for background responses.');
    const serverTool = (body.tools ?? []).find((t: Json) => t?.type !== 'function');
    if (serverTool) throw badRequest(`Tool type '${serverTool.type}' is not supported on bedrock-runtime: only function tools are.`);
  }
  checkReasoning(model, openAiReasoningFields(body));
  checkTools('responses', body, false);
  const p = plan(call, model, { ...responsesConversation(body), media: acceptMedia(model, 'responses', body, badRequest) });
  const rand = prng(hash32(call.record.requestId));
  const id = `resp_${randomId(rand, 32, 'abcdef0123456789')}`;
  const ids = { msg: `msg_${randomId(rand, 32, 'abcdef0123456789')}`, rs: `rs_${randomId(rand, 32, 'abcdef0123456789')}`, fc: (i: number) => `fc_${i}${randomId(rand, 31, 'abcdef0123456789')}` };
  const status = p.stopReason === 'max_tokens' ? 'incomplete' : 'completed';
  const output = responseOutput(p, ids);
  /** A `failed` response object, error codes in OpenAI's words. */
  const failed = (err: ServiceError): Json => {
    const code = err.status === 429 ? 'rate_limit_exceeded' : err.status >= 500 || err.status === 424 ? 'server_error' : 'invalid_prompt';
    return { ...responseObject(body, id, 'failed', []), error: { code, message: err.message } };
  };
  const fault = call.ex.fault;
  if (!body.stream) {
    if (fault?.responsesForm === 'failed') {
      await call.ex.sendJson(200, failed(errorForKind(fault.exception ?? 'internal', fault.message, fault.status)));
      return;
    }
    await call.ex.sendJson(200, responseObject(body, id, status, output, p));
    return;
  }
  let seq = 0;
  const encodeError: StreamErrorEncoder = (err, f) => {
    if (f.responsesForm === 'error') return sse('error', { type: 'error', code: err.code, message: err.message, param: null, sequence_number: seq++ });
    if (f.responsesForm === 'failed') return sse('response.failed', { type: 'response.failed', sequence_number: seq++, response: failed(err) });
    return openAiStreamError(err);
  };
  const send = (type: string, data: Json, content = false): Promise<void> =>
    call.ex.event(sse(type, { type, sequence_number: seq++, ...data }), encodeError, p.pace, content);
  call.ex.startStream(sseHeaders());
  await send('response.created', { response: responseObject(body, id, 'in_progress', []) });
  await send('response.in_progress', { response: responseObject(body, id, 'in_progress', []) });
  for (const [outputIndex, item] of output.entries()) {
    if (item.type === 'reasoning') {
      await send('response.output_item.added', { output_index: outputIndex, item: { ...item, summary: [] } });
      await send('response.reasoning_summary_part.added', { item_id: item.id, output_index: outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' } });
      for (const d of item.summary[0].text.match(/\s*\S+\s*/g) ?? [])
        await send('response.reasoning_summary_text.delta', { item_id: item.id, output_index: outputIndex, summary_index: 0, delta: d }, true);
      await send('response.reasoning_summary_text.done', { item_id: item.id, output_index: outputIndex, summary_index: 0, text: item.summary[0].text });
      await send('response.reasoning_summary_part.done', { item_id: item.id, output_index: outputIndex, summary_index: 0, part: item.summary[0] });
    } else if (item.type === 'message') {
      await send('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
      await send('response.content_part.added', { item_id: item.id, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
      for (const d of p.deltas) await send('response.output_text.delta', { item_id: item.id, output_index: outputIndex, content_index: 0, delta: d, logprobs: [] }, true);
      await send('response.output_text.done', { item_id: item.id, output_index: outputIndex, content_index: 0, text: p.text, logprobs: [] });
      await send('response.content_part.done', { item_id: item.id, output_index: outputIndex, content_index: 0, part: item.content[0] });
    } else {
      await send('response.output_item.added', { output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } });
      for (const f of jsonFragments(item.arguments)) await send('response.function_call_arguments.delta', { item_id: item.id, output_index: outputIndex, delta: f }, true);
      await send('response.function_call_arguments.done', { item_id: item.id, output_index: outputIndex, arguments: item.arguments });
    }
    await send('response.output_item.done', { output_index: outputIndex, item });
  }
  await send(status === 'completed' ? 'response.completed' : 'response.incomplete', { response: responseObject(body, id, status, output, p) });
  call.ex.finish();
}

export async function messages(call: RouteCall): Promise<void> {
  const body = (call.body ?? {}) as Json;
  if (!call.headers['anthropic-version']) throw badRequest('anthropic-version: header is required');
  const model = compatModel(call, body.model, 'messages');
  // Models outside the Anthropic family are not served under the /anthropic prefix at all.
  if (!model.apis.messages) throw badRequest(`model ${body.model} isn't supported on this route`);
  if (typeof body.max_tokens !== 'number') throw badRequest('max_tokens: Field required');
  if (!Array.isArray(body.messages)) throw badRequest('messages: Field required');
  checkReasoning(model, anthropicReasoningFields(body));
  checkTools('anthropic', body, true);
  const p = plan(call, model, { ...anthropicConversation(body), media: acceptMedia(model, 'anthropic', body, badRequest) });
  if (!body.stream) {
    await call.ex.sendJson(200, anthropicMessage(p, body.model, ''));
    return;
  }
  call.ex.startStream(sseHeaders());
  const events = anthropicStreamEvents(p, body.model, '');
  await call.ex.event(sse(events[0]![0].type, events[0]![0]), anthropicStreamError);
  await call.ex.event(sse('ping', { type: 'ping' }), anthropicStreamError);
  for (const [ev, content] of events.slice(1)) await call.ex.event(sse(ev.type, ev), anthropicStreamError, p.pace, content);
  call.ex.finish();
}

export async function messagesCountTokens(call: RouteCall): Promise<void> {
  const body = (call.body ?? {}) as Json;
  const model = compatModel(call, body.model, 'messages');
  if (!model.apis.messages) throw badRequest(`model ${body.model} isn't supported on this route`);
  await call.ex.sendJson(200, { input_tokens: Math.max(1, countTokens(anthropicConversation(body).inputText)) });
}
