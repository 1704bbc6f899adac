// The model picker's entries, from catalog descriptors: chat-capable models and profiles only,
// with the explorer's badges and the chat APIs a turn may be forced onto.
import { CHAT_APIS, type ApiId } from '../bedrock/catalog/apiId';
import { isChatModel, outputKindOf, type ModelDescriptor } from '../bedrock/catalog/modelDescriptor';
import { imageTraitsOf } from '../bedrock/images/imageFamily';
import { reasoningStyleOf } from '../bedrock/catalog/reasoningSupport';
import { takesTools } from '../bedrock/catalog/toolSupport';
import type { RoutePlan } from '../bedrock/routing/routePlan';
import { badgesOf } from '../explorer/modelTree';
import type { ModelOption } from '../../shared/protocol';
import type { ImageModelTraits } from '../../shared/imageProtocol';
import type { VoiceModelTraits } from '../../shared/voiceProtocol';
import { takesTypedTurns, voicesOf } from '../bedrock/speech/voiceModels';

/** Streaming and non-streaming variants are one choice (the router pins the family). */
const FAMILY: Partial<Record<ApiId, ApiId>> = { 'converse-stream': 'converse', 'invoke-stream': 'invoke' };

/**
 * The APIs a turn may be pinned to: every API in the router's plan for the model, in the plan's
 * order, one per family — also for models whose capabilities nobody knows yet.
 */
export function pinnableApis(plan: RoutePlan): ApiId[] {
  const out: ApiId[] = [];
  for (const s of plan.steps) {
    const api = FAMILY[s.api] ?? s.api;
    if (CHAT_APIS.includes(api) && !out.includes(api)) out.push(api);
  }
  return out;
}

export type ChatPlanner = (modelId: string) => RoutePlan;

export function toModelOption(d: ModelDescriptor, plan: ChatPlanner): ModelOption {
  const opt: ModelOption = { id: d.id, label: d.kind === 'model' ? d.name : `${d.name} (profile)`, provider: d.provider };
  const badges = badgesOf(d);
  if (d.kind !== 'model') badges.unshift('Profile');
  if (d.legacy) badges.push('Legacy');
  if (badges.length) opt.badges = badges;
  const apis = pinnableApis(plan(d.id));
  if (apis.length) opt.apis = apis;
  if (d.inputModalities.includes('IMAGE')) opt.images = true;
  if (d.limits.maxOutputTokens) opt.maxOutputTokens = d.limits.maxOutputTokens;
  const reasoning = reasoningStyleOf(d.baseModelId ?? d.id);
  if (reasoning) opt.reasoning = reasoning;
  if (d.kind === 'model' && (d.profileOnly || d.onDemand === false)) opt.needsProfile = true;
  if (d.legacy) opt.legacy = true;
  if (takesTools(d.baseModelId ?? d.id)) opt.tools = true;
  return opt;
}

/** Chat-capable entries grouped by provider, then by label; legacy models last within a provider. */
export function chatModelOptions(descriptors: readonly ModelDescriptor[], plan: ChatPlanner): ModelOption[] {
  return descriptors
    .filter(isChatModel)
    .sort((a, b) => a.provider.localeCompare(b.provider) || Number(a.legacy) - Number(b.legacy) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((d) => toModelOption(d, plan));
}

/** The picker's image options for a model, or undefined when it is not an image model we can call. */
export function imageModelTraits(modelId: string): ImageModelTraits | undefined {
  const t = imageTraitsOf(modelId);
  if (!t) return undefined;
  return {
    tasks: [...t.tasks],
    maxImages: t.maxImages,
    maxSeed: t.maxSeed,
    ...(t.sizes ? { sizes: t.sizes.map((s) => `${s.width}x${s.height}`) } : {}),
    ...(t.aspectRatios ? { aspectRatios: [...t.aspectRatios] } : {}),
    ...(t.qualities ? { qualities: [...t.qualities] } : {}),
    ...(t.styles ? { styles: [...t.styles] } : {}),
  };
}

/** The group image models are listed under in the picker, after every chat model. */
export const IMAGE_GROUP = 'Image generation';

/**
 * Image models the extension can call (a known body family, InvokeModel not known unsupported):
 * choosing one in the chat makes the turn an image turn. Listed after the chat models, so a list's
 * first entry is still a chat model. Models that only edit images are listed too, with their tasks,
 * so the explorer's image commands can run them in the chat; the picker leaves them out.
 */
export function imageModelOptions(descriptors: readonly ModelDescriptor[]): ModelOption[] {
  return descriptors
    .filter((d) => outputKindOf(d) === 'image' && d.apis.invoke?.supported !== false && imageModelTraits(d.baseModelId ?? d.id))
    .sort((a, b) => Number(a.legacy) - Number(b.legacy) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((d) => ({
      id: d.id,
      label: `${d.name}${d.kind === 'model' ? '' : ' (profile)'}`,
      provider: IMAGE_GROUP,
      badges: ['Image'],
      image: imageModelTraits(d.baseModelId ?? d.id)!,
      ...(d.inputModalities.includes('IMAGE') ? { images: true } : {}),
    }));
}

/** The group voice models are listed under in the picker, after the image models. */
export const VOICE_GROUP = 'Voice';

/**
 * Speech-to-speech models (the bidirectional stream): choosing one in the chat makes the composer a
 * voice composer. Listed last.
 */
export function voiceModelOptions(descriptors: readonly ModelDescriptor[]): ModelOption[] {
  return descriptors
    .filter((d) => d.apis.bidirectional?.supported === true)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((d) => ({
      id: d.id,
      label: `${d.name}${d.kind === 'model' ? '' : ' (profile)'}`,
      provider: VOICE_GROUP,
      badges: ['Voice'],
      // Agent mode in a voice turn offers the reading tools only.
      tools: true,
      voice: voiceTraits(d.baseModelId ?? d.id),
    }));
}

function voiceTraits(baseModelId: string): VoiceModelTraits {
  const voices = voicesOf(baseModelId);
  return { typedTurns: takesTypedTurns(baseModelId), ...(voices ? { voices: [...voices] } : {}) };
}

/** The model id behind an explorer row (model or profile node), a string, or nothing usable. */
export function modelIdFromArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg || undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { kind?: unknown; descriptor?: { id?: unknown }; profile?: { id?: unknown }; id?: unknown };
  if (node.kind === 'profile' && typeof node.profile?.id === 'string') return node.profile.id;
  if (typeof node.descriptor?.id === 'string') return node.descriptor.id;
  if (typeof node.id === 'string') return node.id;
  return undefined;
}
