import * as vscode from 'vscode';
import { API_IDS, API_LABELS, type ApiId } from '../../core/bedrock/catalog/apiId';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { detailsMarkdown } from '../../core/explorer/modelDetails';
import { isChatModel, isEmbeddingModel, type OutputKind } from '../../core/bedrock/catalog/modelDescriptor';
import { isFilterActive, type ModelFilter } from '../../core/explorer/modelFilter';
import { updateSetting } from '../settings';
import { descriptorOf, type ModelTreeProvider, type PlanProvider } from './modelTreeProvider';
import type { ModelDetailsDocuments } from './modelDetailsDocuments';
import { showInformationMessage, showWarningMessage } from '../notify';

export interface ExplorerDeps {
  tree: ModelTreeProvider;
  plansFor: PlanProvider;
  details: ModelDetailsDocuments;
}

const PRODUCES: ReadonlyArray<[OutputKind, string]> = [
  ['text', 'Text'],
  ['embedding', 'Embeddings'],
  ['image', 'Images'],
  ['video', 'Video'],
  ['speech', 'Speech'],
];

export function explorerCommands(deps: ExplorerDeps) {
  const { tree } = deps;

  async function pickModel(title: string, node: unknown, accept: (d: ModelDescriptor) => boolean): Promise<ModelDescriptor | undefined> {
    const fromNode = descriptorOf(node);
    if (fromNode) return fromNode;
    const items = tree.visibleGroups
      .flatMap((g) => g.models.map((m) => m.descriptor))
      .filter(accept)
      .map((d) => ({ label: d.name, description: d.id, detail: d.provider, d }));
    if (items.length === 0) {
      void vscode.window.showWarningMessage('No suitable model is listed. Refresh the model list or check the region and filter.');
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true }))?.d;
  }

  return {
    'bedrock.filterModels': async () => {
      const f = tree.currentFilter;
      type Item = vscode.QuickPickItem & { apply?: (f: ModelFilter) => Promise<ModelFilter | undefined> | ModelFilter | undefined };
      const items: Item[] = [
        {
          label: '$(search) By name or id…',
          description: f.text ? `now “${f.text}”` : undefined,
          apply: async (cur) => {
            const text = await vscode.window.showInputBox({ title: 'Filter models by name or id', value: cur.text ?? '', placeHolder: 'e.g. claude, nova, embed' });
            return text === undefined ? undefined : { ...cur, text: text.trim() || undefined };
          },
        },
        { label: 'Produces', kind: vscode.QuickPickItemKind.Separator },
        ...PRODUCES.map(([kind, label]): Item => ({ label: `${f.produces === kind ? '$(check) ' : ''}${label}`, apply: (cur) => ({ ...cur, produces: cur.produces === kind ? undefined : kind }) })),
        { label: 'Supports API', kind: vscode.QuickPickItemKind.Separator },
        ...API_IDS.map((api: ApiId): Item => ({ label: `${f.api === api ? '$(check) ' : ''}${API_LABELS[api]}`, apply: (cur) => ({ ...cur, api: cur.api === api ? undefined : api }) })),
        { label: 'Lifecycle', kind: vscode.QuickPickItemKind.Separator },
        { label: `${f.hideLegacy ? '$(check) ' : ''}Hide legacy models`, apply: (cur) => ({ ...cur, hideLegacy: !cur.hideLegacy || undefined }) },
      ];
      if (isFilterActive(f)) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(clear-all) Clear filter', apply: () => ({}) });
      const picked = await vscode.window.showQuickPick(items, { title: 'Filter Bedrock models' });
      const next = picked?.apply ? await picked.apply(f) : undefined;
      if (next) await tree.setFilter(next);
    },

    'bedrock.clearModelFilter': () => tree.setFilter({}),

    'bedrock.setDefaultChatModel': async (node?: unknown) => {
      const d = await pickModel('Default chat model', node, isChatModel);
      if (!d) return;
      if (!isChatModel(d)) {
        void showWarningMessage(`${d.name} does not produce text, so it can't be the chat model. Pick a text model.`);
        return;
      }
      if (await updateSetting('chatDefaultModel', d.id, 'the default chat model')) {
        void showInformationMessage(`Default chat model: ${d.name} (${d.id})`);
      }
    },

    'bedrock.setDefaultEmbeddingModel': async (node?: unknown) => {
      const d = await pickModel('Default embedding model', node, isEmbeddingModel);
      if (!d) return;
      if (!isEmbeddingModel(d)) {
        void showWarningMessage(`${d.name} is not an embedding model. Pick one that produces embeddings (filter: Produces → Embeddings).`);
        return;
      }
      if (await updateSetting('embeddingDefaultModel', d.id, 'the default embedding model')) {
        void showInformationMessage(`Default embedding model: ${d.name} (${d.id})`);
      }
    },

    'bedrock.copyModelId': async (node?: unknown) => {
      const d = await pickModel('Copy model id', node, () => true);
      if (!d) return;
      await vscode.env.clipboard.writeText(d.id);
      vscode.window.setStatusBarMessage(`Copied ${d.id}`, 3000);
    },

    'bedrock.copyModelArn': async (node?: unknown) => {
      const d = await pickModel('Copy model ARN', node, (m) => !!m.arn);
      if (!d) return;
      if (!d.arn) {
        void showWarningMessage(`The service did not give an ARN for ${d.id}. Refresh the model list and try again.`);
        return;
      }
      await vscode.env.clipboard.writeText(d.arn);
      vscode.window.setStatusBarMessage(`Copied ${d.arn}`, 3000);
    },

    'bedrock.showModelDetails': async (node?: unknown) => {
      const d = await pickModel('Show model details', node, () => true);
      if (!d) return;
      const uri = deps.details.publish(d, detailsMarkdown(d, deps.plansFor(d)));
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      return uri;
    },
  };
}
