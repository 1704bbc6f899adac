// Pure planning: from a descriptor, learned facts and the wanted features to an ordered list of
// routes, each with its reason. No I/O, so the explorer can show "how would chat reach this model"
// from the cached catalog.
import type { ApiId, ApiSupport, EndpointId } from '../catalog/apiId';
import type { LearnedModel } from './learnedCapabilities';
import type { ModelDescriptor } from '../catalog/modelDescriptor';
import { embedFamilyOf, invokeFamilyOf } from '../catalog/modelFamily';
import { imageTraitsOf } from '../images/imageFamily';
import { mantleIdFromRuntimeId } from '../adapters/compatRoutes';
import { parseModelRef, stripProfilePrefix } from '../catalog/modelRef';
import { mediaRefusal, modelMediaRefusal } from './mediaSupport';
import type { PlanRequest, RouteAdjustments, RoutePlan, RouteStep } from './routePlan';
import { invokeBodyTakesTools } from '../catalog/toolSupport';

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

/**
 * The id bedrock-mantle takes: the one its list gave, or its form of the runtime id when the list is
 * not known; null when mantle's list was read and does not have the model.
 */
function mantleIdOf(d: ModelDescriptor | undefined, baseModelId: string): string | null {
  if (d?.mantleId !== undefined) return d.mantleId;
  return mantleIdFromRuntimeId(baseModelId);
}

/** A cross-Region (system-defined) profile for the target: what Responses on bedrock-runtime requires. */
function crossRegionProfile(target: string, d: ModelDescriptor | undefined): string | undefined {
  if (parseModelRef(target).kind === 'systemProfile') return target;
  return d?.profiles.find((p) => p.scope !== 'application')?.id;
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
  const fam = invokeFamilyOf(baseModelId);
  const add = (api: ApiId, endpoint: EndpointId, why: string, extra: RouteAdjustments = {}, stepTarget = target) => {
    const media = mediaRefusal(api, fam, req.features);
    if (media) {
      notes.push(`Skipped ${api} on ${endpoint}: ${media}.`);
      return;
    }
    if (req.features.tools && (api === 'invoke' || api === 'invoke-stream') && fam && !invokeBodyTakesTools(fam)) {
      notes.push(`Skipped ${api} on ${endpoint}: the ${fam} InvokeModel body carries no tools.`);
      return;
    }
    const refused = learned?.apis?.[api];
    if (refused?.supported === false && (!refused.endpoint || refused.endpoint === endpoint)) {
      notes.push(`Skipped ${api}${refused.endpoint ? ` on ${refused.endpoint}` : ''}: ${refused.note}`);
      return;
    }
    const unknown = learned?.unknownTo?.[endpoint];
    if (unknown) {
      if (!notes.some((n) => n.startsWith(`Skipped ${endpoint}`))) notes.push(`Skipped ${endpoint} (learned: ${unknown.note})`);
      return;
    }
    steps.push({ api, endpoint, target: stepTarget, reason: stepTarget === target ? why + via : why, adjustments: { ...adjustments, ...extra } });
  };

  if (req.task === 'embed') {
    const fam = embedFamilyOf(baseModelId);
    if (fam) add('invoke', 'runtime', `embedding model: InvokeModel with the ${fam} body`);
    else notes.push(`${req.modelId} is not an embedding model this extension knows how to call.`);
    return { request: req, baseModelId, steps, notes };
  }
  if (req.task === 'async') {
    // StartAsyncInvoke takes the model id itself; no model needs a profile for it.
    if (sup(d, 'async-invoke') !== false) add('async-invoke', 'runtime', `StartAsyncInvoke ${says(d, 'async-invoke')}`, {}, ref.id);
    else notes.push(`${req.modelId} does not take asynchronous invocations (StartAsyncInvoke ${says(d, 'async-invoke')}).`);
    return { request: req, baseModelId, steps, notes };
  }

  if (req.task === 'image') {
    const traits = imageTraitsOf(baseModelId);
    if (traits && sup(d, 'invoke') !== false) add('invoke', 'runtime', `image model: InvokeModel with the ${traits.label} body`);
    else notes.push(`${req.modelId} is not an image model this extension knows how to call.`);
    return { request: req, baseModelId, steps, notes };
  }

  const modelRefusal = modelMediaRefusal(d, req.features);
  if (modelRefusal) return { request: req, baseModelId, steps, notes: [modelRefusal], refusal: modelRefusal };

  const streaming = req.features.streaming !== false;
  const toolsNoStream = !!(req.features.tools && learned?.noToolStreaming);
  if (toolsNoStream) notes.push('Tools with this model use the non-streaming API (learned: no tool use in streaming mode).');

  // 1. Converse: the unified API, and the first try for models nobody knows (never guess a body).
  const runtimeKnows = !d?.mantleOnly;
  const conv = runtimeKnows ? sup(d, 'converse') : false;
  if (conv !== false) {
    const convStream = sup(d, 'converse-stream');
    const useStream = streaming && convStream !== false && !toolsNoStream;
    const why = conv === null ? 'unknown model: Converse first (the unified API)' : `Converse ${says(d, 'converse')}`;
    add(useStream ? 'converse-stream' : 'converse', 'runtime', useStream ? why : `${why}, non-streaming`, streaming && !useStream ? { nonStreaming: true } : {});
  }

  // 2. InvokeModel with the family's native body.
  if (runtimeKnows && fam && sup(d, 'invoke') !== false) {
    const useStream = streaming && sup(d, 'invoke-stream') !== false && !toolsNoStream;
    add(useStream ? 'invoke-stream' : 'invoke', 'runtime', `InvokeModel (${fam} body) ${says(d, 'invoke')}`);
  }

  // 3. The OpenAI- and Anthropic-compatible APIs, only when something says they serve this model.
  // bedrock-runtime first (AWS's recommended host; runtime ids and cross-Region profiles), then
  // bedrock-mantle (in-Region ids only, and the only host for models it alone lists). One API
  // streams or not by a body flag, so a non-streaming request is the same API with `stream: false`.
  if (!streaming || toolsNoStream) adjustments.nonStreaming = true;
  const mantleId = ctx.mantle ? mantleIdOf(d, baseModelId) : null;
  const prefix: RouteAdjustments = learned?.mantlePrefix ? { mantlePrefix: learned.mantlePrefix } : {};
  const onMantle = (api: ApiId, label: string, why: string) => {
    if (mantleId) add(api, 'mantle', `${label} on bedrock-mantle ${says(d, api)}: ${why}, in-Region id ${mantleId}`, api === 'messages' ? {} : prefix, mantleId);
    else if (!ctx.mantle) notes.push(`${label} on bedrock-mantle not offered: no mantle endpoint in ${ctx.region}.`);
    else notes.push(`${label} on bedrock-mantle not offered: mantle's model list in ${ctx.region} does not have ${baseModelId}.`);
  };
  const fallback = runtimeKnows ? 'fallback after bedrock-runtime' : 'only bedrock-mantle lists this model';
  if (sup(d, 'messages') === true) {
    if (runtimeKnows) add('messages', 'runtime', `Anthropic Messages on bedrock-runtime ${says(d, 'messages')} (the recommended host)`);
    onMantle('messages', 'Anthropic Messages', fallback);
  }
  if (sup(d, 'chat-completions') === true) {
    if (runtimeKnows && baseModelId.startsWith('openai.')) add('chat-completions', 'runtime', `Chat Completions on bedrock-runtime /openai/v1 ${says(d, 'chat-completions')}`);
    onMantle('chat-completions', 'Chat Completions', runtimeKnows && baseModelId.startsWith('openai.') ? fallback : runtimeKnows ? 'bedrock-runtime serves Chat Completions for OpenAI models only' : fallback);
  }
  if (sup(d, 'responses') === true) {
    const cris = runtimeKnows ? crossRegionProfile(target, d) : undefined;
    if (cris) add('responses', 'runtime', `Responses on bedrock-runtime ${says(d, 'responses')} (synchronous, function tools) via cross-Region profile ${cris}`, {}, cris);
    onMantle('responses', 'Responses', cris ? fallback : runtimeKnows ? 'bedrock-runtime takes Responses only through a cross-Region profile, and none is listed for this model' : fallback);
  }

  // 4. Nobody says which compatible API serves the model: probe mantle's (an unknown id, or a model
  // only mantle lists with no table row).
  const unknownCompat = sup(d, 'chat-completions') === null && sup(d, 'responses') === null && sup(d, 'messages') === null;
  if (mantleId && unknownCompat && (d?.mantleOnly || (!d?.listed && conv === null))) {
    const why = d?.mantleOnly ? 'listed by bedrock-mantle only, API support unknown' : 'unknown model';
    const probe = (api: ApiId, label: string) => add(api, 'mantle', `${why}: probing ${label} on bedrock-mantle, in-Region id ${mantleId}`, api === 'messages' ? {} : prefix, mantleId);
    if (baseModelId.startsWith('anthropic.')) probe('messages', 'Anthropic Messages');
    probe('chat-completions', 'Chat Completions');
    if (d?.mantleOnly) probe('responses', 'Responses');
  }
  if (!steps.length) {
    const skipped = notes.filter((n) => n.startsWith('Skipped '));
    if (skipped.length && (req.features.images || req.features.documents?.length)) {
      const refusal = `No API that serves ${d?.name || req.modelId} can take what is attached (${[...new Set(skipped.map((n) => n.replace(/^Skipped [^:]+: /, '').replace(/\.$/, '')))].join('; ')}). Remove the attachment, or pick another model.`;
      return { request: req, baseModelId, steps, notes: [...notes, refusal], refusal };
    }
    notes.push(`No API known to serve ${req.modelId} for ${req.task}.`);
  }
  return { request: req, baseModelId, steps, notes };
}
