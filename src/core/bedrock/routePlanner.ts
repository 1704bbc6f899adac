// Pure planning: from a descriptor, learned facts and the wanted features to an ordered list of
// routes, each with its reason. No I/O, so the explorer can show "how would chat reach this model"
// from the cached catalog.
import type { ApiId, ApiSupport, EndpointId } from './apiId';
import type { LearnedModel } from './learnedCapabilities';
import type { ModelDescriptor } from './modelDescriptor';
import { embedFamilyOf, invokeFamilyOf, isRerankModel } from './modelFamily';
import { parseModelRef, stripProfilePrefix } from './modelRef';
import type { PlanRequest, RouteAdjustments, RoutePlan, RouteStep } from './routePlan';

export interface PlanContext {
  region: string;
  /** The region serves bedrock-mantle. */
  mantle: boolean;
  learned?: LearnedModel;
}

const SOURCE_TEXT: Record<ApiSupport['source'], string> = { shipped: 'shipped table', service: 'service metadata', learned: 'learned' };

function says(d: ModelDescriptor | undefined, api: ApiId): string {
  const s = d?.apis[api];
  if (!s || s.supported === null) return 'support unknown';
  return `${s.supported ? 'supported' : 'not supported'} (${SOURCE_TEXT[s.source]})`;
}

const sup = (d: ModelDescriptor | undefined, api: ApiId) => d?.apis[api]?.supported ?? null;

/** The id a compatible endpoint expects in the body: the model id, without a geo profile prefix. */
function compatModelId(target: string, baseModelId: string): string {
  return parseModelRef(target).kind === 'model' ? target : baseModelId || stripProfilePrefix(target);
}

export function planRoute(req: PlanRequest, d: ModelDescriptor | undefined, ctx: PlanContext): RoutePlan {
  const notes: string[] = [];
  const ref = parseModelRef(req.modelId);
  const baseModelId = d?.baseModelId ?? (ref.kind === 'model' ? ref.id : stripProfilePrefix(ref.id));
  const learned = ctx.learned;

  // Which id goes on the wire: a profile when the model has no on-demand throughput.
  let target = ref.kind === 'model' ? ref.id : ref.id;
  let targetReason = '';
  if (ref.kind === 'model') {
    if (learned?.profile) {
      target = learned.profile;
      targetReason = `via profile ${target} (learned: on-demand not supported)`;
    } else if (d?.onDemand === false) {
      const p = d.profiles[0];
      if (p) {
        target = p.id;
        targetReason = `via ${p.scope === 'global' ? 'global' : p.scope === 'geo' ? 'regional' : 'application'} profile ${p.id} (model needs an inference profile)`;
      } else notes.push(`${req.modelId} needs an inference profile, but none is listed in ${ctx.region}.`);
    }
  }
  const via = targetReason ? `; ${targetReason}` : '';
  const adjustments: RouteAdjustments = {};
  if (req.features.systemPrompt && learned?.noSystemPrompt) {
    adjustments.foldSystem = true;
    notes.push('System prompt folded into the first user turn (learned: model rejects system messages).');
  }
  const steps: RouteStep[] = [];
  const add = (api: ApiId, endpoint: EndpointId, why: string, extra: RouteAdjustments = {}, stepTarget = target) => {
    if (learned?.apis?.[api]?.supported === false) {
      notes.push(`Skipped ${api}: ${learned.apis[api]!.note}`);
      return;
    }
    steps.push({ api, endpoint, target: stepTarget, reason: why + via, adjustments: { ...adjustments, ...extra } });
  };

  if (req.task === 'embed') {
    const fam = embedFamilyOf(baseModelId);
    if (fam) add('invoke', 'runtime', `embedding model: InvokeModel with the ${fam} body`);
    else notes.push(`${req.modelId} is not an embedding model this extension knows how to call.`);
    return { request: req, baseModelId, steps, notes };
  }
  if (req.task === 'rerank') {
    if (isRerankModel(baseModelId)) add('invoke', 'runtime', 'rerank model: InvokeModel');
    else notes.push(`${req.modelId} is not a rerank model.`);
    return { request: req, baseModelId, steps, notes };
  }
  if (req.task === 'async') {
    if (sup(d, 'async-invoke') !== false) add('async-invoke', 'runtime', `StartAsyncInvoke: ${says(d, 'async-invoke')}`);
    return { request: req, baseModelId, steps, notes };
  }

  const streaming = req.features.streaming !== false;
  const toolsNoStream = !!(req.features.tools && learned?.noToolStreaming);
  if (toolsNoStream) notes.push('Tools with this model use the non-streaming API (learned: no tool use in streaming mode).');

  // 1. Converse: the unified API, and the first try for models nobody knows (never guess a body).
  const conv = sup(d, 'converse');
  if (conv !== false) {
    const convStream = sup(d, 'converse-stream');
    const useStream = streaming && convStream !== false && !toolsNoStream;
    const why = conv === null ? 'unknown model: Converse first (the unified API)' : `Converse ${says(d, 'converse')}`;
    add(useStream ? 'converse-stream' : 'converse', 'runtime', useStream ? why : `${why}, non-streaming`, streaming && !useStream ? { nonStreaming: true } : {});
  }

  // 2. InvokeModel with the family's native body.
  const fam = invokeFamilyOf(baseModelId);
  if (fam && sup(d, 'invoke') !== false) {
    const useStream = streaming && sup(d, 'invoke-stream') !== false && !toolsNoStream;
    add(useStream ? 'invoke-stream' : 'invoke', 'runtime', `InvokeModel (${fam} body) ${says(d, 'invoke')}`);
  }

  // 3. Compatible endpoints, only when something says they serve this model. One API streams or
  // not by a body flag, so a non-streaming request is the same API with `stream: false`.
  const cid = compatModelId(target, baseModelId);
  if (!streaming || toolsNoStream) adjustments.nonStreaming = true;
  if (sup(d, 'messages') === true) {
    if (ctx.mantle) add('messages', 'mantle', `Anthropic Messages on mantle ${says(d, 'messages')}`, {}, cid);
    else notes.push(`Messages API not offered: no mantle endpoint in ${ctx.region}.`);
  }
  if (sup(d, 'chat-completions') === true) {
    if (baseModelId.startsWith('openai.')) add('chat-completions', 'runtime', `Chat Completions on runtime /openai/v1 ${says(d, 'chat-completions')}`, {}, target);
    if (ctx.mantle) add('chat-completions', 'mantle', `Chat Completions on mantle ${says(d, 'chat-completions')}`, {}, cid);
  }
  if (sup(d, 'responses') === true && ctx.mantle) add('responses', 'mantle', `Responses on mantle ${says(d, 'responses')}`, {}, cid);

  // 4. Unknown model and nothing else: probe Chat Completions on mantle last.
  if (!d?.listed && conv === null && sup(d, 'chat-completions') === null && ctx.mantle) {
    add('chat-completions', 'mantle', 'unknown model: probing Chat Completions on mantle', {}, cid);
  }
  if (!steps.length) notes.push(`No API known to serve ${req.modelId} for ${req.task}.`);
  return { request: req, baseModelId, steps, notes };
}
