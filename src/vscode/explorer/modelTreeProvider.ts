import * as vscode from 'vscode';
import { API_LABELS } from '../../core/bedrock/catalog/apiId';
import type { CatalogState } from '../../core/bedrock/catalog/catalogSnapshot';
import type { ClassifiedError } from '../../core/bedrock/errors/classifiedError';
import type { Event } from '../../core/emitter';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { catalogProblem, explorerMessage, type CatalogProblem } from '../../core/explorer/explorerStatus';
import { Disposable } from '../../core/lifecycle';
import { describeFilter, isFilterActive, readModelFilter, shouldExpandGroups, storedModelFilter, type ModelFilter } from '../../core/explorer/modelFilter';
import { EXPLORER_FILTER_KEY } from '../../core/storageKeys';
import { tooltipMarkdown, type ModelPlans } from '../../core/explorer/modelDetails';
import { buildModelTree, type ProviderNode, type TreeNode } from '../../core/explorer/modelTree';
import { rowOf, type DefaultModels } from '../../core/explorer/treeRows';

/** What the explorer needs from the catalog service. */
export interface CatalogView {
  readonly descriptors: readonly ModelDescriptor[];
  readonly state: CatalogState;
  readonly error: ClassifiedError | undefined;
  readonly fetchedAt: number | undefined;
  readonly region: string;
  readonly onDidChange: Event<unknown>;
  refresh(): Promise<void>;
}

export type PlanProvider = (d: ModelDescriptor) => ModelPlans;

/** The models commands use when none is named (marked on their rows), and when that changes. */
export interface DefaultModelsSource {
  read(): DefaultModels;
  onDidChange(listener: () => void): { dispose(): void };
}

const NO_DEFAULTS: DefaultModelsSource = { read: () => ({}), onDidChange: () => ({ dispose: () => undefined }) };

export class ModelTreeProvider extends Disposable implements vscode.TreeDataProvider<TreeNode> {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<TreeNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  readonly view: vscode.TreeView<TreeNode>;
  private groups: ProviderNode[] | undefined;
  private filter: ModelFilter;
  /** Read once per repaint: finding the chat default walks the catalog. */
  private defaultIds: DefaultModels | undefined;

  constructor(
    private readonly catalog: CatalogView,
    private readonly plansFor: PlanProvider,
    private readonly state: vscode.Memento,
    private readonly regionHasBedrock: (region: string) => boolean,
    warn: (message: string) => void = () => undefined,
    private readonly defaults: DefaultModelsSource = NO_DEFAULTS,
  ) {
    super();
    this.filter = readModelFilter(state.get(EXPLORER_FILTER_KEY), warn);
    this.view = this._register(vscode.window.createTreeView('bedrock.models', { treeDataProvider: this, showCollapseAll: true }));
    this._register(catalog.onDidChange(() => this.reload()));
    this._register(defaults.onDidChange(() => this.reload()));
    this.updateChrome();
  }

  get currentFilter(): ModelFilter {
    return this.filter;
  }

  /** The groups as the view currently shows them (tests read these). */
  get visibleGroups(): ProviderNode[] {
    return (this.groups ??= buildModelTree(this.catalog.descriptors, this.filter));
  }

  async setFilter(filter: ModelFilter): Promise<void> {
    this.filter = filter;
    await this.state.update(EXPLORER_FILTER_KEY, storedModelFilter(filter));
    this.reload();
  }

  private reload(): void {
    this.groups = undefined;
    this.defaultIds = undefined;
    this.updateChrome();
    this.changeEmitter.fire(undefined);
  }

  private updateChrome(): void {
    const filterText = describeFilter(this.filter, (api) => API_LABELS[api]);
    // The description shows in the view's header; a view alone in its container has no header, so
    // the message above the rows says it too, with how many models it leaves.
    this.view.description = filterText;
    const count = this.catalog.descriptors.length;
    const noMatch = count > 0 && this.catalog.state !== 'refreshing' && this.visibleGroups.length === 0;
    void vscode.commands.executeCommand('setContext', 'bedrock.models.filtered', isFilterActive(this.filter));
    // The empty view's welcome content offers Clear Filter.
    void vscode.commands.executeCommand('setContext', 'bedrock.models.noMatch', noMatch);
    const problem = this.problem();
    void vscode.commands.executeCommand('setContext', 'bedrock.models.problem', count ? '' : problem);
    const { state, error, fetchedAt } = this.catalog;
    const models = (groups: ProviderNode[]) => groups.reduce((n, g) => n + g.models.length, 0);
    const filter = filterText && count ? { text: filterText, shown: models(this.visibleGroups), total: models(buildModelTree(this.catalog.descriptors)) } : undefined;
    this.view.message = explorerMessage({ state, count, visibleGroups: count ? this.visibleGroups.length : 0, error, problem, fetchedAt, filter });
  }

  /** Why the list is empty, if it is (drives the welcome views). */
  problem(): CatalogProblem {
    return catalogProblem(this.catalog.error, () => this.regionHasBedrock(this.catalog.region));
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.visibleGroups;
    if (node.kind === 'provider') return node.models;
    if (node.kind === 'model') return node.profiles;
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'provider') return undefined;
    const groups = this.visibleGroups;
    if (node.kind === 'model') return groups.find((g) => g.models.includes(node));
    for (const g of groups) for (const m of g.models) if (m.profiles.includes(node)) return m;
    return undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const groups = this.visibleGroups;
    const expandGroups = node.kind === 'provider' && shouldExpandGroups(this.filter, groups.reduce((n, g) => n + g.models.length, 0));
    const row = rowOf(node, { defaults: (this.defaultIds ??= this.defaults.read()), expandGroups });
    const item = new vscode.TreeItem(
      row.label,
      row.collapsible === 'none' ? vscode.TreeItemCollapsibleState.None : row.collapsible === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = row.id;
    item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.contextValue = row.contextValue;
    // A click shows the details page (a row with a command expands on its twistie only).
    if (node.kind !== 'provider') item.command = { command: 'bedrock.showModelDetails', title: 'Show Model Details', arguments: [node] };
    return item;
  }

  /** Tooltips are built on hover only: they need the router's plans, which the first paint doesn't. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const d = node.kind === 'model' ? node.descriptor : node.kind === 'profile' ? (node.descriptor ?? node.baseModel) : undefined;
    if (d) {
      const defaults = (this.defaultIds ??= this.defaults.read());
      const defaultFor = defaults.chat === d.id ? 'chat' : defaults.embedding === d.id ? 'embedding' : undefined;
      const md = new vscode.MarkdownString(tooltipMarkdown(d, this.plansFor(d), defaultFor));
      md.supportThemeIcons = false;
      item.tooltip = md;
    }
    return item;
  }
}

/** The descriptor a command was invoked on (context menu passes the node). */
export function descriptorOf(node: unknown): ModelDescriptor | undefined {
  const n = node as TreeNode | undefined;
  if (!n || typeof n !== 'object') return undefined;
  if (n.kind === 'model') return n.descriptor;
  if (n.kind === 'profile') return n.descriptor ?? { ...n.baseModel, id: n.profile.id, arn: n.profile.arn, name: n.profile.name };
  return undefined;
}
