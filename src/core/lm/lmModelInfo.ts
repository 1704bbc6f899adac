// The catalog as VS Code's language-model list: one entry per chat-capable model and inference
// profile, with its limits, what it accepts and how the router would reach it. Same fields as
// VS Code's LanguageModelChatInformation, without importing VS Code.
import { API_LABELS, type ApiId } from '../bedrock/catalog/apiId';
import { isChatModel, type ModelDescriptor } from '../bedrock/catalog/modelDescriptor';
import { stripProfilePrefix } from '../bedrock/catalog/modelRef';
import type { RoutePlan } from '../bedrock/routing/routePlan';
import { tokenLimits, type LimitSource } from './modelLimits';

export interface LmModelInfo {
  id: string;
  name: string;
  family: string;
  version: string;
  tooltip: string;
  detail: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { imageInput: boolean; toolCalling: boolean };
}

/** APIs whose request carries tool definitions for any model they serve. */
const TOOL_APIS: readonly ApiId[] = ['converse', 'converse-stream', 'messages', 'chat-completions', 'responses'];

const LIMIT_SOURCE: Record<LimitSource, string> = {
  published: "the model provider's published limits",
  learned: 'output limit learned from Bedrock',
  default: 'limits not published for this model: a conservative default',
};

/** `anthropic.claude-3-haiku-20240307-v1:0` → `claude-3-haiku-20240307`: what a model is, without provider or version. */
export function familyOf(baseModelId: string): string {
  const bare = stripProfilePrefix(baseModelId);
  const withoutProvider = bare.includes('.') ? bare.slice(bare.indexOf('.') + 1) : bare;
  return withoutProvider.replace(/-v\d+(:\d+)?$/, '').replace(/(-\d+)?:\d+$/, '') || bare;
}

const PROFILE_SCOPE: Record<string, string> = { geo: 'cross-Region profile', global: 'global profile', application: 'application profile' };

function scopeOf(d: ModelDescriptor, all: ReadonlyMap<string, ModelDescriptor>): string | undefined {
  if (d.kind === 'model') return undefined;
  const base = d.baseModelId ? all.get(d.baseModelId) : undefined;
  const ref = base?.profiles.find((p) => p.id === d.id);
  if (ref) return PROFILE_SCOPE[ref.scope];
  return d.kind === 'applicationProfile' ? PROFILE_SCOPE.application : d.id.startsWith('global.') ? PROFILE_SCOPE.global : PROFILE_SCOPE.geo;
}

/** Short API names for the one-line detail beside the model name; the tooltip has the full ones. */
const SHORT: Partial<Record<ApiId, string>> = { 'converse-stream': 'Converse', 'invoke-stream': 'Invoke', invoke: 'Invoke', messages: 'Messages' };

function routeOf(plan: RoutePlan | undefined): { short: string; full: string; why: string } {
  const step = plan?.steps[0];
  if (!step) return { short: 'no route', full: 'no route', why: plan?.notes.join(' ') || 'The router found no API for this model.' };
  const mantle = step.endpoint === 'mantle';
  return { short: `${SHORT[step.api] ?? API_LABELS[step.api]}${mantle ? ' (mantle)' : ''}`, full: `${API_LABELS[step.api]}${mantle ? ' on bedrock-mantle' : ''}`, why: step.reason };
}

export interface LmListOptions {
  /** Legacy models are left out unless listed here (the user's chosen default model). */
  keepLegacy?: ReadonlySet<string>;
  /** The plan a streamed chat turn would start from (for the route shown in detail and tooltip). */
  plan(modelId: string): RoutePlan | undefined;
}

export function toLmModelInfo(d: ModelDescriptor, all: ReadonlyMap<string, ModelDescriptor>, plan: RoutePlan | undefined): LmModelInfo {
  const base = d.baseModelId ?? d.id;
  const baseDescriptor = all.get(base);
  const limits = tokenLimits(base, d.limits.maxOutputTokens ?? baseDescriptor?.limits.maxOutputTokens);
  const imageInput = d.inputModalities.includes('IMAGE');
  const toolCalling = TOOL_APIS.some((api) => d.apis[api]?.supported !== false);
  const scope = scopeOf(d, all);
  const route = routeOf(plan);
  const fmt = (n: number) => n.toLocaleString('en-US');
  // VS Code renders the tooltip as Markdown: a hard break keeps one fact per line.
  const tooltip = [
    `${d.name} — ${d.provider}`,
    `${d.id}${scope ? ` (${scope} for ${base})` : ''}`,
    `Route: ${route.full} — ${route.why}`,
    `Context: ${fmt(limits.maxInputTokens)} tokens in, ${fmt(limits.maxOutputTokens)} out (${LIMIT_SOURCE[limits.source]})`,
    `Images: ${imageInput ? 'yes' : 'no'} · Tools: ${toolCalling ? 'yes' : 'no'}`,
  ].join('  \n');
  return {
    id: d.id,
    // A model only bedrock-mantle lists has no display name: its id without the provider reads better.
    name: d.name === d.id ? familyOf(d.id) : d.name,
    family: familyOf(base),
    version: base,
    tooltip,
    detail: [d.provider, scope, route.short].filter(Boolean).join(' · '),
    maxInputTokens: limits.maxInputTokens,
    maxOutputTokens: limits.maxOutputTokens,
    capabilities: { imageInput, toolCalling },
  };
}

/** Chat-capable models and profiles, by provider then name; legacy ones only when kept. */
export function lmModelList(descriptors: readonly ModelDescriptor[], options: LmListOptions): LmModelInfo[] {
  const all = new Map(descriptors.map((d) => [d.id, d]));
  return descriptors
    .filter((d) => isChatModel(d) && (!d.legacy || options.keepLegacy?.has(d.id)))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((d) => toLmModelInfo(d, all, options.plan(d.id)));
}
