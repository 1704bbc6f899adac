// The text behind a model row: the hover table and the "Show Details" document. Markdown strings,
// so the provider only wraps them; model-supplied names are escaped because they end up rendered.
import { API_IDS, API_LABELS, type ApiSupport, type CapabilitySource } from '../bedrock/catalog/apiId';
import type { ModelDescriptor } from '../bedrock/catalog/modelDescriptor';
import type { RoutePlan } from '../bedrock/routing/routePlan';
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

function mark(s: ApiSupport | undefined): string {
  if (!s || s.supported === null) return '?';
  return s.supported ? '✓' : '✗';
}

function sourceText(s: ApiSupport | undefined): string {
  if (!s || s.supported === null) return 'unknown';
  return SOURCE_LABEL[s.source] + (s.note ? ` — ${escapeMarkdown(s.note)}` : '');
}

export function apiTable(d: ModelDescriptor): string {
  const rows = API_IDS.map((api) => `| ${API_LABELS[api]} | ${mark(d.apis[api])} | ${sourceText(d.apis[api])} |`);
  return ['| API | | Source |', '|---|:-:|---|', ...rows].join('\n');
}

function planText(plan: RoutePlan | undefined): string {
  if (!plan || plan.steps.length === 0) return plan?.notes.length ? escapeMarkdown(plan.notes.join(' ')) : 'not available';
  return plan.steps
    .map((s, i) => `${i + 1}. ${API_LABELS[s.api]} on \`${s.endpoint}\` → \`${s.target}\` — ${escapeMarkdown(s.reason)}`)
    .join('\n');
}

function facts(d: ModelDescriptor): string[] {
  const lines = [
    `**Provider:** ${escapeMarkdown(d.provider)}`,
    `**Input:** ${d.inputModalities.join(', ') || 'unknown'} · **Output:** ${d.outputModalities.join(', ') || 'unknown'}`,
    `**Lifecycle:** ${d.lifecycle}${d.legacy ? ' (legacy: plan a move to a newer model)' : ''}`,
    `**Invocation:** ${d.profileOnly ? 'inference profile only' : d.onDemand ? 'on demand' : d.onDemand === false ? 'not on demand' : 'unknown'}`,
    `**Streaming:** ${d.streaming === null ? 'unknown' : d.streaming ? 'yes' : 'no'}`,
  ];
  if (d.kind !== 'model') lines.push(`**Routes to:** \`${d.baseModelId ?? 'unknown'}\``);
  if (!d.listed) lines.push('_Not listed by the service in this region; known from the shipped table only._');
  return lines;
}

/** The hover: identity, the API table with sources, and the router's plans. */
export function tooltipMarkdown(d: ModelDescriptor, plans: ModelPlans): string {
  // The router's choice comes before the table: hovers have a height limit, and "how will this be
  // called" is the question most hovers are asked.
  const parts = [`**${escapeMarkdown(d.name)}**  \n\`${d.id}\``, '', facts(d).join('  \n')];
  if (plans.chat) parts.push('', '**Chat plan**', '', planText(plans.chat));
  if (plans.embed) parts.push('', '**Embed plan**', '', planText(plans.embed));
  parts.push('', apiTable(d));
  return parts.join('\n');
}

/** The read-only "Show Details" document: everything known about the model, its profiles and plans. */
export function detailsMarkdown(d: ModelDescriptor, plans: ModelPlans): string {
  const parts = [`# ${escapeMarkdown(d.name)}`, '', `\`${d.id}\``, ''];
  if (d.arn) parts.push(`ARN: \`${d.arn}\``, '');
  parts.push(facts(d).join('  \n'), '', '## APIs', '', apiTable(d));
  if (d.limits.maxOutputTokens || d.limits.embed) {
    parts.push('', '## Limits', '');
    if (d.limits.maxOutputTokens) parts.push(`- Max output tokens: ${d.limits.maxOutputTokens.toLocaleString('en-US')}`);
    const e = d.limits.embed;
    if (e) {
      parts.push(`- Max input: ${e.maxChars.toLocaleString('en-US')} characters${e.maxTokens ? ` / ${e.maxTokens.toLocaleString('en-US')} tokens` : ''}`);
      parts.push(`- Texts per call: ${e.maxBatch}`);
      if (e.dimensions?.length) parts.push(`- Dimensions: ${e.dimensions.join(', ')} (default ${e.dimensions[0]})`);
    }
  }
  parts.push('', '## Inference profiles', '');
  if (d.profiles.length === 0) parts.push(d.profileOnly ? '_None listed in this region: this model cannot be called here._' : '_None in this region._');
  for (const p of d.profiles) parts.push(`- **${escapeMarkdown(p.name)}** \`${p.id}\` — ${profileScopeLabel(p)}${p.regions.length ? `: ${p.regions.join(', ')}` : ''}`);
  parts.push('', '## How the router calls it', '', '### Chat', '', planText(plans.chat), '', '### Embed', '', planText(plans.embed));
  return parts.join('\n') + '\n';
}
