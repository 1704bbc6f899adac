// How each explorer node looks as a row: label, description, icon, menu context. Pure, so the
// tree provider is a thin mapping to vscode.TreeItem and the whole paint can be benchmarked.
import { imageTraitsOf, type ImageTask } from '../bedrock/images/imageFamily';
import type { ApiId } from '../bedrock/catalog/apiId';
import type { ModelNode, ProfileNode, ProviderNode, TreeNode } from './modelTree';
import { badgesOf, profileScopeLabel } from './modelTree';
import { isChatModel, isEmbeddingModel, outputKindOf, type ModelDescriptor, type OutputKind } from '../bedrock/catalog/modelDescriptor';
import { mediaEmbeddingFamily } from '../bedrock/async/mediaEmbedding';

/** The models the user's commands use when none is named: marked on their rows. */
export interface DefaultModels {
  chat?: string;
  embedding?: string;
}

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

/**
 * The row's badges: one short word per way to call the model, so a 300 px side bar shows them all.
 * Streaming and the exact API names are in the hover's table; "OpenAI" stands for Chat Completions
 * and Responses, the two OpenAI-shaped APIs.
 */
const SHORT_BADGES: ReadonlyArray<{ label: string; apis: ApiId[] }> = [
  { label: 'Converse', apis: ['converse', 'converse-stream'] },
  { label: 'Invoke', apis: ['invoke', 'invoke-stream'] },
  { label: 'OpenAI', apis: ['chat-completions', 'responses'] },
  { label: 'Messages', apis: ['messages'] },
  { label: 'Embed', apis: ['embed'] },
  { label: 'Async', apis: ['async-invoke'] },
  { label: 'Bidi', apis: ['bidirectional'] },
];

export function shortBadgesOf(d: ModelDescriptor): string[] {
  return badgesOf(d, SHORT_BADGES);
}

/**
 * "★ default" when one of `ids` is a default, for the start of a row's description (it survives
 * truncation). Which default needs no word: a chat model can only be the chat default, an embedding
 * model the embedding one; the hover says it in full.
 */
function defaultMark(ids: readonly string[], defaults: DefaultModels): string | undefined {
  const isDefault = [defaults.chat, defaults.embedding].some((id) => id && ids.includes(id));
  return isDefault ? '★ default' : undefined;
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

/** `image`: Generate Image; the others: the tasks on an input image, one menu command each. */
const IMAGE_TASK_FLAGS: Record<ImageTask, string> = {
  textToImage: 'image',
  variation: 'imageVariation',
  removeBackground: 'imageRemoveBackground',
  inpaint: 'imageEdit',
  maskInpaint: 'imageInpaint',
  erase: 'imageErase',
  outpaint: 'imageOutpaint',
  upscale: 'imageUpscale',
  sketch: 'imageSketch',
  styleGuide: 'imageStyleGuide',
  styleTransfer: 'imageStyleTransfer',
};

function imageFlags(d: ModelDescriptor): string[] {
  const tasks = imageTraitsOf(d.baseModelId ?? d.id)?.tasks ?? [];
  const flag = IMAGE_TASK_FLAGS;
  return tasks.map((t) => flag[t]);
}

function contextFor(d: ModelDescriptor, extra: string[]): string {
  // Space-separated flags; menus match with regex, e.g. `viewItem =~ /\bchat\b/`.
  const flags = ['model', isChatModel(d) ? 'chat' : '', isEmbeddingModel(d) ? 'embed' : '', ...imageFlags(d), d.apis.bidirectional?.supported ? 'speech' : '', ...asyncFlags(d), ...extra];
  return flags.filter(Boolean).join(' ');
}

/**
 * A provider group. `expand` opens it (a filter that narrows the list shows its matches at once);
 * the id differs then, because the workbench restores a known id's own expansion state instead.
 */
export function providerRow(node: ProviderNode, expand = false): TreeRow {
  const n = node.models.length;
  return {
    id: `provider:${node.provider}${expand ? ':filtered' : ''}`,
    label: node.provider,
    description: `${n} model${n === 1 ? '' : 's'}`,
    icon: 'organization',
    contextValue: 'provider',
    collapsible: expand ? 'expanded' : 'collapsed',
  };
}

export function modelRow(node: ModelNode, defaults: DefaultModels = {}): TreeRow {
  const d = node.descriptor;
  const kind = outputKindOf(d);
  // Marks before badges: a narrow side bar truncates the end of the description. The id is in the hover.
  // A default set to one of the model's profiles marks the model too, so it shows while collapsed.
  const mark = defaultMark([d.id, ...node.profiles.map((p) => p.profile.id)], defaults);
  const tags = [mark, d.profileOnly ? 'needs profile' : '', d.legacy ? 'legacy' : '', d.listed ? '' : 'not listed here'].filter(Boolean);
  const description = [tags.join(', '), shortBadgesOf(d).join(' · ')].filter(Boolean).join('  ·  ');
  return {
    id: `model:${d.id}`,
    label: d.name,
    description,
    icon: d.legacy ? 'history' : outputIcon(kind),
    contextValue: contextFor(d, [d.arn ? 'arn' : '', d.legacy ? 'legacy' : '']),
    collapsible: node.profiles.length ? 'collapsed' : 'none',
  };
}

export function profileRow(node: ProfileNode, defaults: DefaultModels = {}): TreeRow {
  const d = node.descriptor ?? node.baseModel;
  const mark = defaultMark([node.profile.id], defaults);
  return {
    id: `profile:${node.baseModel.id}:${node.profile.id}`,
    label: node.profile.name,
    description: [mark, profileScopeLabel(node.profile)].filter(Boolean).join('  ·  '),
    icon: node.profile.scope === 'application' ? 'briefcase' : node.profile.scope === 'global' ? 'globe' : 'location',
    contextValue: contextFor(d, ['profile', node.profile.arn ? 'arn' : '']),
    collapsible: 'none',
  };
}

export interface RowContext {
  defaults?: DefaultModels;
  /** Open the provider groups (the filter narrowed the list). */
  expandGroups?: boolean;
}

export function rowOf(node: TreeNode, ctx: RowContext = {}): TreeRow {
  if (node.kind === 'provider') return providerRow(node, ctx.expandGroups);
  return node.kind === 'model' ? modelRow(node, ctx.defaults) : profileRow(node, ctx.defaults);
}
