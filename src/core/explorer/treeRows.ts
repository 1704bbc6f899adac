// How each explorer node looks as a row: label, description, icon, menu context. Pure, so the
// tree provider is a thin mapping to vscode.TreeItem and the whole paint can be benchmarked.
import { imageTraitsOf } from '../bedrock/images/imageFamily';
import type { ModelNode, ProfileNode, ProviderNode, TreeNode } from './modelTree';
import { badgesOf, profileScopeLabel } from './modelTree';
import { isChatModel, isEmbeddingModel, outputKindOf, type ModelDescriptor, type OutputKind } from '../bedrock/catalog/modelDescriptor';
import { mediaEmbeddingFamily } from '../bedrock/async/mediaEmbedding';

export interface TreeRow {
  /** Stable across refreshes, so expansion state survives. */
  id: string;
  label: string;
  description: string;
  /** A codicon id. */
  icon: string;
  /** Drives the context menu (`view/item/context` when clauses). */
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
}

const OUTPUT_ICON: Record<OutputKind, string> = {
  text: 'comment-discussion',
  embedding: 'symbol-array',
  image: 'file-media',
  video: 'device-camera-video',
  speech: 'unmute',
};

export function outputIcon(kind: OutputKind): string {
  return OUTPUT_ICON[kind];
}

/** `video`: Generate Video; `mediaEmbed`: Embed Media File (async jobs). */
function asyncFlags(d: ModelDescriptor): string[] {
  if (d.apis['async-invoke']?.supported === false) return [];
  return [outputKindOf(d) === 'video' ? 'video' : '', isEmbeddingModel(d) && mediaEmbeddingFamily(d.id) ? 'mediaEmbed' : ''];
}

function contextFor(d: ModelDescriptor, extra: string[]): string {
  // Space-separated flags; menus match with regex, e.g. `viewItem =~ /\bchat\b/`.
  const flags = ['model', isChatModel(d) ? 'chat' : '', isEmbeddingModel(d) ? 'embed' : '', imageTraitsOf(d.baseModelId ?? d.id) ? 'image' : '', ...asyncFlags(d), ...extra];
  return flags.filter(Boolean).join(' ');
}

export function providerRow(node: ProviderNode): TreeRow {
  const n = node.models.length;
  return {
    id: `provider:${node.provider}`,
    label: node.provider,
    description: `${n} model${n === 1 ? '' : 's'}`,
    icon: 'organization',
    contextValue: 'provider',
    collapsible: 'collapsed',
  };
}

export function modelRow(node: ModelNode): TreeRow {
  const d = node.descriptor;
  const kind = outputKindOf(d);
  const badges = badgesOf(d);
  const tags: string[] = [];
  if (d.legacy) tags.push('legacy');
  if (d.profileOnly) tags.push('profile only');
  if (!d.listed) tags.push('not listed here');
  // Badges first: a narrow sidebar truncates the end of the description, and the id is also in the tooltip.
  const description = [badges.join(' · '), tags.length ? `(${tags.join(', ')})` : '', d.id].filter(Boolean).join('  —  ');
  return {
    id: `model:${d.id}`,
    label: d.name,
    description,
    icon: d.legacy ? 'history' : outputIcon(kind),
    contextValue: contextFor(d, [d.arn ? 'arn' : '', d.legacy ? 'legacy' : '']),
    collapsible: node.profiles.length ? 'collapsed' : 'none',
  };
}

export function profileRow(node: ProfileNode): TreeRow {
  const d = node.descriptor ?? node.baseModel;
  return {
    id: `profile:${node.baseModel.id}:${node.profile.id}`,
    label: node.profile.name,
    description: `${node.profile.id}  —  ${profileScopeLabel(node.profile)}`,
    icon: node.profile.scope === 'application' ? 'briefcase' : node.profile.scope === 'global' ? 'globe' : 'location',
    contextValue: contextFor(d, ['profile', node.profile.arn ? 'arn' : '']),
    collapsible: 'none',
  };
}

export function rowOf(node: TreeNode): TreeRow {
  return node.kind === 'provider' ? providerRow(node) : node.kind === 'model' ? modelRow(node) : profileRow(node);
}
