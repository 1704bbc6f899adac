// The text behind a model row: the hover (markdown) and the details page (a plain view model the
// details panel renders as HTML). Model-supplied names are escaped in the hover because it is rendered.
import { API_IDS, API_LABELS, type ApiId, type ApiSupport, type CapabilitySource } from '../bedrock/catalog/apiId';
import { isChatModel, isEmbeddingModel, type ModelDescriptor, type ProfileRef } from '../bedrock/catalog/modelDescriptor';
import type { RoutePlan, RouteStep } from '../bedrock/routing/routePlan';
import { profileScopeLabel } from './modelTree';

export interface ModelPlans {
  chat?: RoutePlan;
  embed?: RoutePlan;
}

const SOURCE_LABEL: Record<CapabilitySource, string> = {
  shipped: 'shipped table',
  service: 'service metadata',
  learned: 'learned',
};

export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** A code span: backslash escapes don't work inside one, so backticks are dropped instead. */
function code(s: string): string {
  return `\`${s.replace(/`/g, '')}\``;
}

function mark(s: ApiSupport | undefined): '✓' | '✗' | '?' {
  if (!s || s.supported === null) return '?';
  return s.supported ? '✓' : '✗';
}

function sourceText(s: ApiSupport | undefined): string {
  if (!s || s.supported === null) return 'unknown';
  return SOURCE_LABEL[s.source] + (s.note ? ` — ${s.note}` : '');
}

/** The part of a profile id before the model id (`us.`, `global.`), or the whole id when it has none. */
function profilePrefix(profileId: string, modelId: string): string {
  return profileId.endsWith(`.${modelId}`) ? profileId.slice(0, -modelId.length) : profileId;
}

/** One plan step in a few words; the target is named only when it isn't the model itself. */
function stepText(s: RouteStep, modelId: string): string {
  const via = s.target === modelId || s.endpoint === 'mantle' ? '' : `, via ${code(profilePrefix(s.target, modelId))}`;
  return `${API_LABELS[s.api]} (${s.endpoint}${via})`;
}

function planLine(plan: RoutePlan | undefined, modelId: string): string {
  if (!plan || plan.steps.length === 0) return plan?.notes.length ? escapeMarkdown(plan.notes.join(' ')) : 'no route';
  return plan.steps.map((s) => stepText(s, modelId)).join(' → ');
}

function profileLine(p: ProfileRef, modelId: string): string {
  if (p.scope === 'application') return `${escapeMarkdown(p.name)} · application profile`;
  return `${code(profilePrefix(p.id, modelId))} ${profileScopeLabel(p)}`;
}

function modalities(d: ModelDescriptor): string {
  return `${d.inputModalities.join(', ').toLowerCase() || 'unknown'} → ${d.outputModalities.join(', ').toLowerCase() || 'unknown'}`;
}

/**
 * The hover: name and id, one line of facts, the APIs that work (or may), the chat plan in one line
 * and one line per inference profile. Reasons and limits are on the details page a click away.
 */
export function tooltipMarkdown(d: ModelDescriptor, plans: ModelPlans, defaultFor?: 'chat' | 'embedding'): string {
  const tags = [defaultFor ? `★ default ${defaultFor} model` : '', modalities(d), d.profileOnly ? 'needs an inference profile' : '', d.legacy ? 'legacy' : '', d.listed ? '' : 'not listed in this region'];
  const parts = [`**${escapeMarkdown(d.name)}** · ${escapeMarkdown(d.provider)}  \n\`${d.id}\`  \n${tags.filter(Boolean).join(' · ')}`, ''];
  const known = API_IDS.filter((api) => d.apis[api]?.supported !== false);
  const unsupported = API_IDS.filter((api) => d.apis[api]?.supported === false);
  if (known.length) {
    parts.push('| API | | Source |', '|---|:-:|---|', ...known.map((api) => `| ${API_LABELS[api]} | ${mark(d.apis[api])} | ${escapeMarkdown(sourceText(d.apis[api]))} |`));
  }
  if (unsupported.length) parts.push('', `Not supported: ${unsupported.map((api) => API_LABELS[api]).join(', ')}`);
  if (plans.chat) parts.push('', `**Chat plan:** ${planLine(plans.chat, d.id)}`);
  if (plans.embed) parts.push('', `**Embed plan:** ${planLine(plans.embed, d.id)}`);
  if (d.profiles.length) parts.push('', '**Profiles**', '', ...d.profiles.map((p) => `- ${profileLine(p, d.id)}`));
  return parts.join('\n');
}

/** Everything the details page shows, as plain text (the renderer escapes it). */
export interface ModelDetailsView {
  name: string;
  id: string;
  arn?: string;
  facts: Array<[label: string, value: string]>;
  apis: Array<{ api: string; mark: '✓' | '✗' | '?'; source: string }>;
  limits: string[];
  profiles: Array<{ name: string; id: string; scope: string }>;
  /** Said when there are no profiles. */
  noProfiles?: string;
  plans: Array<{ task: string; steps: Array<{ text: string; reason: string }>; note?: string }>;
  /** Which actions apply. */
  canChat: boolean;
  canEmbed: boolean;
}

function invocation(d: ModelDescriptor): string {
  if (d.profileOnly) return 'inference profile only';
  return d.onDemand ? 'on demand' : d.onDemand === false ? 'not on demand' : 'unknown';
}

export function modelDetailsView(d: ModelDescriptor, plans: ModelPlans): ModelDetailsView {
  const facts: ModelDetailsView['facts'] = [
    ['Provider', d.provider],
    ['Input → output', modalities(d)],
    ['Lifecycle', `${d.lifecycle}${d.legacy ? ' (legacy: plan a move to a newer model)' : ''}`],
    ['Invocation', invocation(d)],
    ['Streaming', d.streaming === null ? 'unknown' : d.streaming ? 'yes' : 'no'],
  ];
  if (d.kind !== 'model') facts.push(['Routes to', d.baseModelId ?? 'unknown']);
  if (!d.listed) facts.push(['Listed', 'not by the service in this region; known from the shipped table only']);
  const limits: string[] = [];
  if (d.limits.maxOutputTokens) limits.push(`Max output tokens: ${d.limits.maxOutputTokens.toLocaleString('en-US')}`);
  const e = d.limits.embed;
  if (e) {
    limits.push(`Max input: ${e.maxChars.toLocaleString('en-US')} characters${e.maxTokens ? ` / ${e.maxTokens.toLocaleString('en-US')} tokens` : ''}`);
    limits.push(`Texts per call: ${e.maxBatch}`);
    if (e.dimensions?.length) limits.push(`Dimensions: ${e.dimensions.join(', ')} (default ${e.dimensions[0]})`);
  }
  const plan = (task: string, p: RoutePlan): ModelDetailsView['plans'][number] => ({
    task,
    steps: p.steps.map((s) => ({ text: `${API_LABELS[s.api]} on ${s.endpoint} → ${s.target}`, reason: s.reason })),
    note: p.notes.length ? p.notes.join(' ') : undefined,
  });
  return {
    name: d.name,
    id: d.id,
    arn: d.arn,
    facts,
    apis: API_IDS.map((api: ApiId) => ({ api: API_LABELS[api], mark: mark(d.apis[api]), source: sourceText(d.apis[api]) })),
    limits,
    profiles: d.profiles.map((p) => ({ name: p.name, id: p.id, scope: `${profileScopeLabel(p)}${p.regions.length ? `: ${p.regions.join(', ')}` : ''}` })),
    noProfiles: d.profiles.length ? undefined : d.profileOnly ? 'None listed in this region: this model cannot be called here.' : 'None in this region.',
    plans: [plans.chat && plan('Chat', plans.chat), plans.embed && plan('Embed', plans.embed)].filter((p) => !!p),
    canChat: isChatModel(d),
    canEmbed: isEmbeddingModel(d),
  };
}
