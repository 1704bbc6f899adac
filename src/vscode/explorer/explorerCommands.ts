import * as vscode from 'vscode';
import { API_IDS, API_LABELS, type ApiId } from '../../core/bedrock/catalog/apiId';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { isChatModel, isEmbeddingModel, type OutputKind } from '../../core/bedrock/catalog/modelDescriptor';
import { isFilterActive, type ModelFilter } from '../../core/explorer/modelFilter';
import { updateSetting } from '../settings';
import { descriptorOf, type ModelTreeProvider } from './modelTreeProvider';
import type { ModelDetailsViewProvider } from './modelDetailsView';
import type { DetailsAction } from './modelDetailsHtml';
import { showInformationMessage, showWarningMessage } from '../notify';

export interface ExplorerDeps {
  tree: ModelTreeProvider;
  details: ModelDetailsViewProvider;
}

const PRODUCES: ReadonlyArray<[OutputKind, string]> = [
  ['text', 'Text'],
  ['embedding', 'Embeddings'],
  ['image', 'Images'],
  ['video', 'Video'],
  ['speech', 'Speech'],
];

/** "Produces → Embeddings" already says it: the API list leaves the embeddings API out, so there is one entry. */
const FILTER_APIS: readonly ApiId[] = API_IDS.filter((api) => api !== 'embed');

type FilterItem = vscode.QuickPickItem & { apply?: (f: ModelFilter) => ModelFilter; close?: boolean };

/** The picker's entries for filter `f`; `typed` is the text in its box. Every entry shows whatever is typed. */
function filterItems(f: ModelFilter, typed: string): FilterItem[] {
  const check = (on: boolean | undefined, label: string) => `${on ? '$(check)' : '$(blank)'} ${label}`;
  const items: FilterItem[] = [];
  if (typed.trim()) items.push({ label: `$(search) Show models matching “${typed.trim()}”`, close: true });
  items.push(
    { label: 'Produces', kind: vscode.QuickPickItemKind.Separator },
    ...PRODUCES.map(([kind, label]): FilterItem => ({ label: check(f.produces === kind, label), apply: (cur) => ({ ...cur, produces: cur.produces === kind ? undefined : kind }) })),
    { label: 'Supports API', kind: vscode.QuickPickItemKind.Separator },
    ...FILTER_APIS.map((api): FilterItem => ({ label: check(f.api === api, API_LABELS[api]), apply: (cur) => ({ ...cur, api: cur.api === api ? undefined : api }) })),
    { label: 'Lifecycle', kind: vscode.QuickPickItemKind.Separator },
    { label: check(f.hideLegacy, 'Hide legacy models'), apply: (cur) => ({ ...cur, hideLegacy: !cur.hideLegacy || undefined }) },
  );
  if (isFilterActive(f)) items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(clear-all) Clear filter', apply: () => ({}), close: true });
  return items.map((i) => ({ ...i, alwaysShow: true }));
}

async function setDefaultChat(d: ModelDescriptor): Promise<void> {
  if (!isChatModel(d)) {
    void showWarningMessage(`${d.name} does not produce text, so it can't be the chat model. Pick a text model.`);
    return;
  }
  if (await updateSetting('chatDefaultModel', d.id, 'the default chat model')) void showInformationMessage(`Default chat model: ${d.name} (${d.id})`);
}

async function setDefaultEmbedding(d: ModelDescriptor): Promise<void> {
  if (!isEmbeddingModel(d)) {
    void showWarningMessage(`${d.name} is not an embedding model. Pick one that produces embeddings (filter: Produces → Embeddings).`);
    return;
  }
  if (await updateSetting('embeddingDefaultModel', d.id, 'the default embedding model')) void showInformationMessage(`Default embedding model: ${d.name} (${d.id})`);
}

async function copyId(d: ModelDescriptor): Promise<void> {
  await vscode.env.clipboard.writeText(d.id);
  vscode.window.setStatusBarMessage(`Copied ${d.id}`, 3000);
}

/** The details page's buttons. */
export function runDetailsAction(action: DetailsAction, d: ModelDescriptor): Thenable<unknown> | Promise<unknown> {
  if (action === 'chat') return vscode.commands.executeCommand('bedrock.chatWithModel', d.id);
  if (action === 'copyId') return copyId(d);
  return isChatModel(d) ? setDefaultChat(d) : setDefaultEmbedding(d);
}

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

    /**
     * Typing filters the list at once (by name, id or provider); the toggles apply as they are
     * picked and the picker stays open for the next; Enter on the typed text or Escape closes it.
     */
    'bedrock.filterModels': () =>
      new Promise<void>((resolve) => {
        const qp = vscode.window.createQuickPick<FilterItem>();
        qp.title = 'Filter Bedrock models';
        qp.placeholder = 'Type to filter by name, id or provider; pick entries to narrow further';
        qp.value = tree.currentFilter.text ?? '';
        let itemsFor = '';
        const refreshItems = () => {
          itemsFor = qp.value;
          qp.items = filterItems(tree.currentFilter, qp.value);
        };
        refreshItems();
        const subs = [
          qp.onDidChangeValue(async (value) => {
            const applied = tree.setFilter({ ...tree.currentFilter, text: value.trim() || undefined });
            refreshItems();
            await applied;
          }),
          qp.onDidAccept(async () => {
            // Enter hit before the entries caught up with the typing means "these matches".
            const stale = qp.value !== itemsFor;
            const item = stale ? undefined : (qp.selectedItems[0] ?? qp.activeItems[0]);
            if (item?.apply) {
              const next = item.apply({ ...tree.currentFilter, text: qp.value.trim() || undefined });
              await tree.setFilter(next);
              if (!next.text) qp.value = '';
            }
            if (!item || item.close) qp.hide();
            else refreshItems();
          }),
          qp.onDidHide(() => {
            for (const s of subs) s.dispose();
            qp.dispose();
            resolve();
          }),
        ];
        qp.show();
      }),

    'bedrock.clearModelFilter': () => tree.setFilter({}),

    'bedrock.setDefaultChatModel': async (node?: unknown) => {
      const d = await pickModel('Default chat model', node, isChatModel);
      if (d) await setDefaultChat(d);
    },

    'bedrock.setDefaultEmbeddingModel': async (node?: unknown) => {
      const d = await pickModel('Default embedding model', node, isEmbeddingModel);
      if (d) await setDefaultEmbedding(d);
    },

    'bedrock.copyModelId': async (node?: unknown) => {
      const d = await pickModel('Copy model id', node, () => true);
      if (d) await copyId(d);
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

    /** A single click on a model row runs this with the row's node. */
    'bedrock.showModelDetails': async (node?: unknown) => {
      const d = await pickModel('Show model details', node, () => true);
      if (d) await deps.details.show(d);
      return d?.id;
    },
  };
}
