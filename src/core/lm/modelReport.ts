// What the language-model tools and the @bedrock participant say about models and routes: plain
// text a model or a person can read, built from the catalog and the router's plans.
import { API_LABELS } from '../bedrock/catalog/apiId';
import { OUTPUT_KINDS, outputKindOf, type ModelDescriptor, type OutputKind } from '../bedrock/catalog/modelDescriptor';
import type { RoutePlan } from '../bedrock/routing/routePlan';
import { matchesFilter } from '../explorer/modelFilter';

export interface ListModelsInput {
  query?: string;
  output?: OutputKind;
  includeLegacy?: boolean;
  includeProfiles?: boolean;
}

/** A tool's input as sent: anything. Unusable fields are named, so the caller can fix them. */
export function readListModelsInput(raw: unknown): ListModelsInput {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const out: ListModelsInput = {};
  if (o.query !== undefined) {
    if (typeof o.query !== 'string') throw new Error(`query must be a string; got ${JSON.stringify(o.query)}.`);
    out.query = o.query.slice(0, 200);
  }
  if (o.output !== undefined) {
    if (!OUTPUT_KINDS.includes(o.output as OutputKind)) throw new Error(`output must be one of ${OUTPUT_KINDS.join(', ')}; got ${JSON.stringify(o.output)}.`);
    out.output = o.output as OutputKind;
  }
  for (const key of ['includeLegacy', 'includeProfiles'] as const) {
    if (o[key] === undefined) continue;
    if (typeof o[key] !== 'boolean') throw new Error(`${key} must be true or false; got ${JSON.stringify(o[key])}.`);
    out[key] = o[key] as boolean;
  }
  return out;
}

export const MAX_LISTED = 80;

export function routeLine(plan: RoutePlan | undefined): string {
  const s = plan?.steps[0];
  if (!s) return `no route (${plan?.notes.join(' ') || 'the router has no API for it'})`;
  return `${API_LABELS[s.api]}${s.endpoint === 'mantle' ? ' on bedrock-mantle' : ''}${s.target !== plan.request.modelId ? ` via ${s.target}` : ''}`;
}

export interface ModelListing {
  region: string;
  /** When the list was fetched from Bedrock; undefined = never (nothing cached). */
  fetchedAt?: number;
  descriptors: readonly ModelDescriptor[];
  plan(modelId: string): RoutePlan | undefined;
}

export function listModelsText(listing: ModelListing, input: ListModelsInput): string {
  const matches = listing.descriptors.filter(
    (d) =>
      (input.includeProfiles || d.kind === 'model') &&
      matchesFilter(d, { text: input.query, produces: input.output, hideLegacy: !input.includeLegacy }),
  );
  const when = listing.fetchedAt ? `listed by Bedrock at ${new Date(listing.fetchedAt).toISOString()}` : 'not yet listed by Bedrock';
  const head = `${matches.length} of ${listing.descriptors.length} models and profiles in ${listing.region} match (${when}).`;
  const lines = matches.slice(0, MAX_LISTED).map((d) => {
    const kind = outputKindOf(d);
    const route = kind === 'text' ? `; chat route: ${routeLine(listing.plan(d.id))}` : '';
    const tags = [d.kind !== 'model' ? 'inference profile' : '', d.legacy ? 'legacy' : '', d.profileOnly ? 'needs a profile' : ''].filter(Boolean).join(', ');
    return `- ${d.id} — ${d.name} (${d.provider}; produces ${kind}${tags ? `; ${tags}` : ''}${route})`;
  });
  const more = matches.length > MAX_LISTED ? [`…and ${matches.length - MAX_LISTED} more: narrow the list with "query" or "output".`] : [];
  return [head, ...lines, ...more].join('\n');
}

/** How the router would reach a model, and why: each step in order, then what it noted. */
export function routeReport(plan: RoutePlan, d: ModelDescriptor | undefined): string {
  const lines = [`**${d?.name ?? plan.request.modelId}** (\`${plan.request.modelId}\`${plan.baseModelId !== plan.request.modelId ? `, model \`${plan.baseModelId}\`` : ''})`, ''];
  if (!plan.steps.length) lines.push('No API can carry a chat turn for this model.');
  plan.steps.forEach((s, i) => {
    const host = s.endpoint === 'mantle' ? 'bedrock-mantle' : s.endpoint === 'runtime' ? 'bedrock-runtime' : s.endpoint;
    lines.push(`${i + 1}. ${i === 0 ? 'First' : 'Then'} **${API_LABELS[s.api]}** on ${host} with \`${s.target}\` — ${s.reason}`);
  });
  if (plan.notes.length) lines.push('', ...plan.notes.map((n) => `- ${n}`));
  lines.push('', 'When the service refuses a step for a reason the router can work around (a profile is required, no system prompt, no tool use while streaming, an unknown id on one host), it moves on and remembers that for this region.');
  return lines.join('\n');
}
