// Every API path a chat turn can take, each driven on its own: one planned step run by the real
// RouteRun and adapters against the emulator, so a path is exercised even when the planner would
// not (yet) choose it for the model.
import type { ApiId, EndpointId } from '../../../src/core/bedrock/catalog/apiId';
import type { ChatEvent } from '../../../src/core/bedrock/adapters/chatEvent';
import type { ChatRequest } from '../../../src/core/bedrock/adapters/chatRequest';
import type { BedrockConnection } from '../../../src/core/bedrock/connection/connection';
import { createChatAdapters } from '../../../src/core/bedrock/routing/router';
import { RouteRun } from '../../../src/core/bedrock/routing/routeRun';

export interface ApiPath {
  name: string;
  api: ApiId;
  endpoint: EndpointId;
  model: string;
  /** The emulator's operation name, which faults are scoped to. */
  route: string;
  /** Streams (SSE or event stream) rather than answering with one body. */
  streaming: boolean;
  /** Server-sent events (the compatible endpoints) rather than AWS event streams. */
  sse: boolean;
}

const NOVA = 'amazon.nova-micro-v1:0';
const CLAUDE = 'anthropic.claude-3-haiku-20240307-v1:0';
const CLAUDE_MESSAGES = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const GPT = 'openai.gpt-oss-20b-1:0';
// Each host's own id form: mantle takes in-Region ids without the version suffix; Responses on
// bedrock-runtime takes only a cross-Region profile.
const GPT_MANTLE = 'openai.gpt-oss-20b';
const GPT_PROFILE = 'us.openai.gpt-6.1-sol';
const CLAUDE_MESSAGES_PROFILE = `us.${CLAUDE_MESSAGES}`;
const CLAUDE_MESSAGES_MANTLE = 'anthropic.claude-haiku-4-5-20251001';

export const API_PATHS: ApiPath[] = [
  { name: 'Converse', api: 'converse', endpoint: 'runtime', model: NOVA, route: 'Converse', streaming: false, sse: false },
  { name: 'ConverseStream', api: 'converse-stream', endpoint: 'runtime', model: NOVA, route: 'ConverseStream', streaming: true, sse: false },
  { name: 'Invoke', api: 'invoke', endpoint: 'runtime', model: CLAUDE, route: 'InvokeModel', streaming: false, sse: false },
  { name: 'InvokeStream', api: 'invoke-stream', endpoint: 'runtime', model: CLAUDE, route: 'InvokeModelWithResponseStream', streaming: true, sse: false },
  { name: 'Chat Completions runtime', api: 'chat-completions', endpoint: 'runtime', model: GPT, route: 'ChatCompletions', streaming: true, sse: true },
  { name: 'Chat Completions mantle', api: 'chat-completions', endpoint: 'mantle', model: GPT_MANTLE, route: 'ChatCompletions', streaming: true, sse: true },
  { name: 'Responses runtime', api: 'responses', endpoint: 'runtime', model: GPT_PROFILE, route: 'Responses', streaming: true, sse: true },
  { name: 'Responses mantle', api: 'responses', endpoint: 'mantle', model: GPT_MANTLE, route: 'Responses', streaming: true, sse: true },
  { name: 'Messages runtime', api: 'messages', endpoint: 'runtime', model: CLAUDE_MESSAGES_PROFILE, route: 'Messages', streaming: true, sse: true },
  { name: 'Messages mantle', api: 'messages', endpoint: 'mantle', model: CLAUDE_MESSAGES_MANTLE, route: 'Messages', streaming: true, sse: true },
];

export const COMPAT_PATHS = API_PATHS.filter((p) => p.sse);

const ADAPTERS = createChatAdapters();

export interface PathRunOptions {
  idleSeconds?: number;
  signal?: AbortSignal;
  /** Run the streaming API without streaming (the planner's non-streaming adjustment). */
  nonStreaming?: boolean;
}

/** One turn on exactly this path: no plan, no fallback. */
export function runPath(connection: BedrockConnection, path: ApiPath, request: ChatRequest, o: PathRunOptions = {}): AsyncIterable<ChatEvent> {
  return runOneStep(connection, { api: path.api, endpoint: path.endpoint, target: path.model, reason: `test: ${path.name}` }, request, o);
}

/** One route step run by the router's own RouteRun and real adapters: no planner, no fallback. */
export function runOneStep(
  connection: BedrockConnection,
  s: { api: ApiId; endpoint: EndpointId; target: string; reason: string },
  request: ChatRequest,
  o: PathRunOptions = {},
): AsyncIterable<ChatEvent> {
  const step = { ...s, adjustments: o.nonStreaming ? { nonStreaming: true } : {} };
  const plan = { request: { modelId: s.target, task: 'chat' as const, features: {} }, baseModelId: s.target, steps: [step], notes: [] };
  return {
    [Symbol.asyncIterator]: () =>
      new RouteRun(plan, request, o.signal, { adapters: ADAPTERS, connection, idleSeconds: o.idleSeconds ?? 5, maxTokens: undefined, fallback: () => undefined }),
  };
}
