import * as vscode from 'vscode';
import { Catalog } from './core/bedrock/catalog/catalog';
import { isChatModel, isEmbeddingModel, type ModelDescriptor } from './core/bedrock/catalog/modelDescriptor';
import { LearnedCapabilities } from './core/bedrock/routing/learnedCapabilities';
import { Router } from './core/bedrock/routing/router';
import type { ModelPlans } from './core/explorer/modelDetails';
import { BEDROCK_REGIONS } from './core/bedrock/connection/regions';
import { registerCommands } from './vscode/commands';
import { registerChatPanel, type ChatPanelRegistration } from './vscode/chat/registerChatPanel';
import { routerChatBackend } from './core/chat/routerChatBackend';
import { ModelChoice } from './vscode/chat/modelChoice';
import { ConnectionSettingsSource, promptForApiKey } from './vscode/connection/connectionSettingsSource';
import { runSsoLogin } from './vscode/connection/ssoLogin';
import { TrustedEndpoints } from './vscode/connection/trustedEndpoints';
import { embedCommands } from './vscode/editor/embedSelection';
import { explainCommands } from './vscode/editor/explainSelection';
import { connectionCommands } from './vscode/connection/connectionCommands';
import { explorerCommands } from './vscode/explorer/explorerCommands';
import { ModelDetailsDocuments } from './vscode/explorer/modelDetailsDocuments';
import { ModelTreeProvider } from './vscode/explorer/modelTreeProvider';
import { createLog } from './vscode/log';
import { registerLanguageModels, type LanguageModelRegistration } from './vscode/lm/registerLanguageModels';
import { onDidChangeSettings, onDidReportSettingProblem, readSetting, reportedSettingProblems, watchSettings } from './vscode/settings';
import { ConnectionStatusBar, showConnectionMenu } from './vscode/statusBar';

/** What activate() hands back: used by the in-extension-host tests, not a public API. */
export interface WorkbenchApi {
  readonly log: vscode.LogOutputChannel;
  readonly connection: ConnectionSettingsSource['connection'];
  readonly catalog: Catalog;
  readonly chat: ChatPanelRegistration;
  /** The chat model shared by the chat, Explain and Ask. */
  readonly modelChoice: ModelChoice;
  readonly router: Router;
  readonly tree: ModelTreeProvider;
  readonly embed: ReturnType<typeof embedCommands>;
  readonly explain: ReturnType<typeof explainCommands>;
  readonly trustedEndpoints: TrustedEndpoints;
  /** Bedrock's models in VS Code's language-model API, its tools and the @bedrock participant. */
  readonly languageModels: LanguageModelRegistration;
  /** Setting problems reported to the user so far (each once), and an event for each new one. */
  readonly settingProblems: readonly string[];
  readonly onDidReportSettingProblem: typeof onDidReportSettingProblem;
  /** What the readers of stored state reported this session (each also logged, once). */
  readonly storageWarnings: readonly string[];
  /**
   * Disposes everything, lets `seed` write stored state, and activates again on it, as a window
   * reload would; this object then holds the new services. Tests use it to start on corrupt state.
   */
  restartForTests(seed?: (state: { globalState: vscode.Memento; workspaceState: vscode.Memento }) => Thenable<void> | Promise<void>): Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<WorkbenchApi> {
  const api: WorkbenchApi = {
    ...(await startWorkbench(context)),
    restartForTests: async (seed) => {
      for (const d of context.subscriptions.splice(0)) d.dispose();
      await seed?.({ globalState: context.globalState, workspaceState: context.workspaceState });
      Object.assign(api, await startWorkbench(context));
    },
  };
  return api;
}

async function startWorkbench(context: vscode.ExtensionContext): Promise<Omit<WorkbenchApi, 'restartForTests'>> {
  const log = createLog();
  const subs = context.subscriptions;
  subs.push(log, watchSettings(log));

  const settings = await ConnectionSettingsSource.create(context.secrets);
  subs.push(settings);
  const { connection } = settings;
  // Stored state can be corrupt: each store keeps what it can read and says once what it dropped.
  const storageWarnings: string[] = [];
  const warnStored = (message: string) => {
    storageWarnings.push(message);
    log.warn(message);
  };
  const trustedEndpoints = new TrustedEndpoints(context.globalState, warnStored);
  connection.setEndpointTrust(trustedEndpoints);
  const learned = new LearnedCapabilities(context.globalState, warnStored);
  // The catalog paints from its cache synchronously; the refresh below runs in the background.
  const catalog = new Catalog(connection, context.globalState, learned, warnStored);
  subs.push(catalog);
  const router = new Router({
    connection,
    directory: catalog,
    learned,
    // Read on every turn, so a change applies to the next one without a reload.
    idleTimeoutSeconds: () => readSetting('streamIdleTimeoutSeconds'),
  });

  const plansFor = (d: ModelDescriptor): ModelPlans => {
    const plan = (task: 'chat' | 'embed') => {
      try {
        return router.plan({ modelId: d.id, task, features: { streaming: task === 'chat' } });
      } catch (e) {
        log.warn(`No ${task} plan for ${d.id}: ${e instanceof Error ? e.message : e}`);
        return undefined;
      }
    };
    return { chat: isChatModel(d) ? plan('chat') : undefined, embed: isEmbeddingModel(d) ? plan('embed') : undefined };
  };

  const tree = new ModelTreeProvider(catalog, plansFor, context.globalState, (region) => BEDROCK_REGIONS.some((r) => r.id === region), warnStored);
  const details = new ModelDetailsDocuments();
  const status = new ConnectionStatusBar();
  subs.push(tree, details, status);
  status.update(connection.info);

  const refreshInView = () =>
    vscode.window.withProgress({ location: { viewId: 'bedrock.models' } }, async () => {
      await catalog.refresh();
      const err = catalog.error;
      if (err) log.warn(`Model list refresh failed (${err.kind}): ${err.detail ?? err.message}`);
      else log.info(`Model list refreshed: ${catalog.descriptors.length} models and profiles in ${catalog.region}`);
    });
  subs.push(
    connection.onDidChange((info) => {
      status.update(info);
      log.info(`Connection changed: region ${info.region}, credentials ${info.auth}${info.profile ? ` (profile ${info.profile})` : ''}`);
      void refreshInView();
    }),
  );

  const explorer = explorerCommands({ tree, plansFor, details });
  const connectionPickers = connectionCommands({ currentRegion: () => connection.info.region, currentProfile: () => connection.info.profile, log });
  const modelChoice = new ModelChoice(
    context.globalState,
    () => readSetting('chatDefaultModel') || undefined,
    () => catalog.descriptors.filter(isChatModel).map((d) => ({ id: d.id, label: d.name, provider: d.provider, legacy: d.legacy })),
  );
  // Setting the default (from the explorer or the settings) is a choice too: it applies at once,
  // even after other models were used.
  subs.push(
    onDidChangeSettings(['chatDefaultModel'], () => {
      const configured = readSetting('chatDefaultModel');
      if (configured) void modelChoice.remember(configured);
    }),
  );
  const chat = registerChatPanel(context, {
    warnStored,
    backend: routerChatBackend(router, catalog, {
      // The shared choice: last used, else the setting, else a mid-size default; re-read when the setting changes.
      read: () => modelChoice.current(),
      onDidChange: (listener) => onDidChangeSettings(['chatDefaultModel'], listener),
    }),
    rememberModel: (id) => modelChoice.remember(id),
    log,
  });
  subs.push(chat);
  const explain = explainCommands({
    // A new turn in the chat view beside the editor, sent at once, so the user can follow up there.
    sink: { ask: ({ prompt, modelId }) => chat.prefill(prompt, true, modelId) },
    chatModel: () => modelChoice.current(),
    log,
  });
  const languageModels = registerLanguageModels({ catalog, router, connection, defaultModel: () => modelChoice.current(), log, extensionUri: context.extensionUri });
  subs.push(...languageModels.disposables);
  const embed = embedCommands({
    router,
    // One row per model: the router picks a profile when the model needs one.
    embeddingModels: () => catalog.descriptors.filter((d) => d.kind === 'model' && isEmbeddingModel(d)),
    describe: (id) => catalog.describe(id),
    log,
  });
  subs.push(
    ...registerCommands({
      ...chat.commands,
      'bedrock.showLog': () => log.show(),
      ...explorer,
      ...connectionPickers,
      'bedrock.refreshModels': refreshInView,
      'bedrock.connectionMenu': () => showConnectionMenu(connection.info),
      'bedrock.setApiKey': () => promptForApiKey(context.secrets),
      'bedrock.ssoLogin': runSsoLogin,
      'bedrock.reloadCredentials': () => {
        connection.resetCredentials();
        void refreshInView();
      },
      'bedrock.manageTrustedEndpoints': () => trustedEndpoints.manage(connection),
      'bedrock.embedSelection': embed['bedrock.embedSelection'],
      'bedrock.compareEmbeddings': embed['bedrock.compareEmbeddings'],
      'bedrock.copyLastVector': embed['bedrock.copyLastVector'],
      ...explain,
    }),
  );

  log.info(`Bedrock Workbench ${context.extension.packageJSON.version} activated (region ${connection.info.region})`);
  // After first paint: nothing above touched the network or loaded the AWS SDK.
  setTimeout(() => void refreshInView(), 0);
  return { log, connection, catalog, router, tree, chat, modelChoice, embed, explain, trustedEndpoints, languageModels, settingProblems: reportedSettingProblems, onDidReportSettingProblem, storageWarnings };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
