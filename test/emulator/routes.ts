// The route table: path shape → operation, service, error shape and handler.
import { asyncRouteHandlers } from './asyncRoutes';
import { chatCompletions, listModels, messages, messagesCountTokens, responses } from './compatEndpoints';
import { getFoundationModel, getInferenceProfile, listFoundationModels, listInferenceProfiles } from './controlPlane';
import { converse, converseStream, countTokens } from './converse';
import type { ErrorShape } from './exchange';
import { invokeModel, invokeModelStream } from './invokeFamilies';
import { invokeBidirectional } from './sonic';
import type { ServiceName } from './recordedRequest';
import type { RouteCall } from './routeContext';

export interface RouteMatch {
  route: string;
  service: ServiceName;
  errorShape: ErrorShape;
  /** Decoded path label (model id, profile id, ARN). */
  label?: string;
  /** The label names a runtime model to resolve before the handler runs. */
  modelLabel: boolean;
  /** Streams its response (for faults that only make sense mid-stream). */
  streaming: (body: unknown) => boolean;
  handler: (call: RouteCall) => Promise<void>;
}

const never = (): boolean => false;
const always = (): boolean => true;
const bodyStream = (body: unknown): boolean => !!(body && typeof body === 'object' && (body as { stream?: unknown }).stream);

const MODEL_OPS: Record<string, { route: string; handler: (c: RouteCall) => Promise<void>; streaming: boolean }> = {
  invoke: { route: 'InvokeModel', handler: invokeModel, streaming: false },
  'invoke-with-response-stream': { route: 'InvokeModelWithResponseStream', handler: invokeModelStream, streaming: true },
  converse: { route: 'Converse', handler: converse, streaming: false },
  'converse-stream': { route: 'ConverseStream', handler: converseStream, streaming: true },
  'count-tokens': { route: 'CountTokens', handler: countTokens, streaming: false },
  'invoke-with-bidirectional-stream': { route: 'InvokeModelWithBidirectionalStream', handler: invokeBidirectional, streaming: true },
};

/**
 * `host` is the service the caller addressed, when known (the SigV4 signing name, or the emulator's
 * `/mantle` path prefix standing in for mantle's own host name). The OpenAI and Anthropic paths
 * exist on both hosts; without a host, `/openai/v1` and `/anthropic/v1` mean bedrock-runtime and
 * `/v1` means bedrock-mantle.
 */
export function matchRoute(method: string, segments: string[], host?: 'runtime' | 'mantle'): RouteMatch | undefined {
  const s = segments;
  const p = s.join('/');
  const control = (route: string, handler: (c: RouteCall) => Promise<void>, label?: string): RouteMatch => ({
    route, service: 'bedrock', errorShape: 'aws', label, modelLabel: false, streaming: never, handler,
  });
  const runtime = (route: string, handler: (c: RouteCall) => Promise<void>, label?: string, modelLabel = false, streaming = never): RouteMatch => ({
    route, service: 'bedrock-runtime', errorShape: 'aws', label, modelLabel, streaming, handler,
  });
  const compat = (route: string, service: ServiceName, errorShape: ErrorShape, handler: (c: RouteCall) => Promise<void>): RouteMatch => ({
    route, service, errorShape, modelLabel: false, streaming: bodyStream, handler,
  });
  if (method === 'GET') {
    if (p === 'foundation-models') return control('ListFoundationModels', listFoundationModels);
    if (s.length === 2 && s[0] === 'foundation-models') return control('GetFoundationModel', getFoundationModel, s[1]);
    if (p === 'inference-profiles') return control('ListInferenceProfiles', listInferenceProfiles);
    if (s.length === 2 && s[0] === 'inference-profiles') return control('GetInferenceProfile', getInferenceProfile, s[1]);
    if (p === 'async-invoke') return runtime('ListAsyncInvokes', asyncRouteHandlers.list);
    if (s.length === 2 && s[0] === 'async-invoke') return runtime('GetAsyncInvoke', asyncRouteHandlers.get, s[1]);
    if (p === 'v1/models' || p === 'openai/v1/models') return compat('ListModels', 'bedrock-mantle', 'openai', listModels);
    return undefined;
  }
  if (method !== 'POST') return undefined;
  if (s.length === 3 && s[0] === 'model' && MODEL_OPS[s[2]!]) {
    const op = MODEL_OPS[s[2]!]!;
    return runtime(op.route, op.handler, s[1], true, op.streaming ? always : never);
  }
  if (p === 'async-invoke') return runtime('StartAsyncInvoke', asyncRouteHandlers.start);
  if (s.length === 5 && s[0] === 'guardrail' && s[2] === 'version' && s[4] === 'apply') return runtime('ApplyGuardrail', asyncRouteHandlers.guardrail, s[1]);
  const shared: ServiceName = host === 'mantle' ? 'bedrock-mantle' : 'bedrock-runtime';
  if (p === 'openai/v1/chat/completions') return compat('ChatCompletions', shared, 'openai', chatCompletions);
  if (p === 'v1/chat/completions') return compat('ChatCompletions', 'bedrock-mantle', 'openai', chatCompletions);
  if (p === 'openai/v1/responses') return compat('Responses', shared, 'openai', responses);
  if (p === 'v1/responses') return compat('Responses', 'bedrock-mantle', 'openai', responses);
  if (p === 'anthropic/v1/messages') return compat('Messages', shared, 'anthropic', messages);
  if (p === 'anthropic/v1/messages/count_tokens') return compat('MessagesCountTokens', 'bedrock-mantle', 'anthropic', messagesCountTokens);
  return undefined;
}
