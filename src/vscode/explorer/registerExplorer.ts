// Registers the model explorer: the tree (painted from the catalog's cache at once), the details
// view beside it, the refresh that runs with the view's progress bar, and the explorer's commands.
import * as vscode from 'vscode';
import type { Catalog } from '../../core/bedrock/catalog/catalog';
import { BEDROCK_REGIONS } from '../../core/bedrock/connection/regions';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { modelPlans, type RoutePlanner } from '../../core/explorer/modelPlans';
import type { FeatureRegistration } from '../commands';
import { explorerCommands, runDetailsAction } from './explorerCommands';
import { ModelDetailsViewProvider } from './modelDetailsView';
import { descriptorOf, ModelTreeProvider, type DefaultModelsSource } from './modelTreeProvider';
import { moveModelSelection } from './selectionFollowsFocus';

export interface ExplorerFeatureDeps {
  catalog: Catalog;
  router: RoutePlanner;
  state: vscode.Memento;
  /** Hears, once each, what was unreadable in the stored filter. */
  warnStored(message: string): void;
  log: vscode.LogOutputChannel;
  /** The models marked as defaults on their rows. */
  defaults: DefaultModelsSource;
  /** Where media/ is (the details page's stylesheet). */
  extensionUri: vscode.Uri;
}

export function registerExplorer(deps: ExplorerFeatureDeps) {
  const { catalog, log } = deps;
  const plansFor = (d: ModelDescriptor) => modelPlans(deps.router, d, (message) => log.warn(message));
  const tree = new ModelTreeProvider(catalog, plansFor, deps.state, (region) => BEDROCK_REGIONS.some((r) => r.id === region), deps.warnStored, deps.defaults);
  const details = new ModelDetailsViewProvider(deps.extensionUri, plansFor, deps.defaults, runDetailsAction, log);
  // Only a single row is ever selected (no multi-select); a two-row selection is the passing state
  // of a keyboard move (see selectionFollowsFocus.ts), and an empty one changes nothing.
  const following = tree.view.onDidChangeSelection((e) => e.selection.length === 1 && details.follow(descriptorOf(e.selection[0])));
  /** Refreshes the model list with the view's progress bar, and logs how it went. */
  const refresh = () =>
    vscode.window.withProgress({ location: { viewId: 'bedrock.models' } }, async () => {
      await catalog.refresh();
      const err = catalog.error;
      if (err) log.warn(`Model list refresh failed (${err.kind}): ${err.detail ?? err.message}`);
      else log.info(`Model list refreshed: ${catalog.descriptors.length} models and profiles in ${catalog.region}`);
    });
  const commands = {
    ...explorerCommands({ tree, details }),
    'bedrock.refreshModels': refresh,
    'bedrock.moveModelSelection': moveModelSelection(tree.view, (message) => log.warn(message)),
  };
  const registration: FeatureRegistration<typeof commands> = { commands, disposables: [following, tree, details] };
  return { ...registration, tree, details, refresh };
}
