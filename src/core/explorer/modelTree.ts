// The explorer's data model: provider groups → models → their inference profiles, with badges and
// tooltip text. No VS Code calls here (the tree provider maps nodes to TreeItems), so building the
// whole tree from a cached catalog is cheap and measurable.
import type { ApiId } from '../bedrock/catalog/apiId';
import type { ModelDescriptor, ProfileRef } from '../bedrock/catalog/modelDescriptor';
import { matchesFilter, type ModelFilter } from './modelFilter';

export interface ProviderNode {
  kind: 'provider';
  provider: string;
  models: ModelNode[];
}

export interface ModelNode {
  kind: 'model';
  descriptor: ModelDescriptor;
  /** Profiles that route to this model (system and application), regional geo before global. */
  profiles: ProfileNode[];
}

export interface ProfileNode {
  kind: 'profile';
  profile: ProfileRef;
  /** The profile's own descriptor when the catalog lists it (it has its own API answers). */
  descriptor?: ModelDescriptor;
  baseModel: ModelDescriptor;
}

export type TreeNode = ProviderNode | ModelNode | ProfileNode;

/** The badges a row shows, in this order. Streaming is one badge for both streaming APIs. */
export const BADGES: ReadonlyArray<{ label: string; apis: ApiId[] }> = [
  { label: 'Converse', apis: ['converse'] },
  { label: 'Invoke', apis: ['invoke'] },
  { label: 'Stream', apis: ['converse-stream', 'invoke-stream'] },
  { label: 'Chat Completions', apis: ['chat-completions'] },
  { label: 'Responses', apis: ['responses'] },
  { label: 'Messages', apis: ['messages'] },
  { label: 'Embed', apis: ['embed'] },
  { label: 'Async', apis: ['async-invoke'] },
  { label: 'Bidirectional', apis: ['bidirectional'] },
];

export function badgesOf(d: ModelDescriptor, badges: ReadonlyArray<{ label: string; apis: ApiId[] }> = BADGES): string[] {
  return badges.filter((b) => b.apis.some((api) => d.apis[api]?.supported === true)).map((b) => b.label);
}

/**
 * Groups the catalog for display. Profiles are shown under the model they route to; a profile whose
 * base model isn't listed here (e.g. an application profile over a model from another region's
 * list) is shown as its own row so nothing the service returned is hidden.
 */
export function buildModelTree(descriptors: readonly ModelDescriptor[], filter: ModelFilter = {}): ProviderNode[] {
  const models = new Map<string, ModelNode>();
  const orphanProfiles: ModelDescriptor[] = [];
  for (const d of descriptors) {
    if (d.kind === 'model') models.set(d.id, { kind: 'model', descriptor: d, profiles: [] });
  }
  const profileDescriptors = new Map<string, ModelDescriptor>();
  for (const d of descriptors) {
    if (d.kind !== 'model') profileDescriptors.set(d.id, d);
  }
  for (const node of models.values()) {
    for (const p of node.descriptor.profiles) {
      node.profiles.push({ kind: 'profile', profile: p, descriptor: profileDescriptors.get(p.id), baseModel: node.descriptor });
      profileDescriptors.delete(p.id);
    }
  }
  for (const d of profileDescriptors.values()) {
    const base = d.baseModelId ? models.get(d.baseModelId) : undefined;
    if (base) {
      base.profiles.push({ kind: 'profile', profile: profileRefOf(d), descriptor: d, baseModel: base.descriptor });
    } else {
      orphanProfiles.push(d);
    }
  }

  const groups = new Map<string, ProviderNode>();
  const add = (node: ModelNode) => {
    if (!matchesFilter(node.descriptor, filter)) return;
    let g = groups.get(node.descriptor.provider);
    if (!g) groups.set(node.descriptor.provider, (g = { kind: 'provider', provider: node.descriptor.provider, models: [] }));
    g.models.push(node);
  };
  for (const node of models.values()) add(node);
  for (const d of orphanProfiles) add({ kind: 'model', descriptor: d, profiles: [] });

  const byName = (a: ModelNode, b: ModelNode) =>
    Number(a.descriptor.legacy) - Number(b.descriptor.legacy) || a.descriptor.name.localeCompare(b.descriptor.name) || a.descriptor.id.localeCompare(b.descriptor.id);
  const result = [...groups.values()].sort((a, b) => a.provider.localeCompare(b.provider));
  for (const g of result) g.models.sort(byName);
  return result;
}

function profileRefOf(d: ModelDescriptor): ProfileRef {
  return {
    id: d.id,
    arn: d.arn ?? '',
    name: d.name,
    type: d.kind === 'applicationProfile' ? 'APPLICATION' : 'SYSTEM_DEFINED',
    scope: d.kind === 'applicationProfile' ? 'application' : d.id.startsWith('global.') ? 'global' : 'geo',
    regions: [],
  };
}

/** "US (3 regions)", "Global", "Application" — what a profile row says about where it routes. */
export function profileScopeLabel(p: ProfileRef): string {
  if (p.scope === 'application') return 'application profile';
  if (p.scope === 'global') return 'global cross-region';
  const geo = p.id.split('.')[0].toUpperCase();
  return `${geo} cross-region${p.regions.length ? ` (${p.regions.length} regions)` : ''}`;
}
