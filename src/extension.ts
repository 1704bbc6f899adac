import type * as vscode from 'vscode';
import { Catalog } from './core/bedrock/catalog/catalog';
import { chatModelCandidates } from './core/bedrock/catalog/defaultChatModel';
import { embeddingPickerModels } from './core/bedrock/catalog/modelDescriptor';
import { LearnedCapabilities } from './core/bedrock/routing/learnedCapabilities';
import { Router } from './core/bedrock/routing/router';
import { routerChatBackend } from './core/chat/routerChatBackend';
import { ModelChoice } from './vscode/chat/modelChoice';
import { registerChat, type ChatPanelRegistration } from './vscode/chat/registerChatPanel';
import { registerCommands, type FeatureRegistration } from './vscode/commands';
import { ConnectionSettingsSource } from './vscode/connection/connectionSettingsSource';
import { registerConnection } from './vscode/connection/registerConnection';
import { TrustedEndpoints } from './vscode/connection/trustedEndpoints';
import { registerEmbed } from './vscode/editor/embedSelection';
import { registerExplain } from './vscode/editor/explainSelection';
import type { ModelTreeProvider } from './vscode/explorer/modelTreeProvider';
import type { ModelDetailsViewProvider } from './vscode/explorer/modelDetailsView';
import type { ConnectionStatusBar } from './vscode/connection/connectionStatusBar';
import { registerExplorer } from './vscode/explorer/registerExplorer';
import { registerJobs, type JobsRegistration } from './vscode/jobs/registerJobs';
import { createLog } from './vscode/log';
import { registerLanguageModels, type LanguageModelRegistration } from './vscode/lm/registerLanguageModels';
import { onDidChangeSettings, onDidReportSettingProblem, readSetting, reportedSettingProblems, watchSettings } from './vscode/settings';
import { imageFamilyOf } from './core/bedrock/images/imageFamily';
import { registerImages } from './vscode/images/imageCommands';
import { registerVoice, type VoiceRegistration } from './vscode/speech/registerVoice';
import { imageStoreFor } from './vscode/images/imageFileStore';
import { registerAgentTools, type AgentToolsRegistration } from './vscode/agent/registerAgentTools';
import { agentToolSettings } from './vscode/agent/agentToolSettings';
import { listedModels } from './vscode/listedModels';

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
  /** The Model Details view beside the tree (the model on show, its markup). */
  readonly modelDetails: ModelDetailsViewProvider;
  /** The connection's status bar item (the endpoint failures it shows). */
  readonly connectionStatus: ConnectionStatusBar;
  readonly trustedEndpoints: TrustedEndpoints;
  /** Bedrock's models in VS Code's language-model API, its tools and the @bedrock participant. */
  readonly languageModels: LanguageModelRegistration;
  /** Async jobs: the tracker behind the Jobs view, its view and the video players. */
  readonly jobs: JobsRegistration;
  /** Voice chat with Nova Sonic (tests read the last session's panel). */
  readonly voice: VoiceRegistration;
  /** The agent's tools: the provider the chat asks each turn, the built-ins, the picker. */
  readonly agentTools: AgentToolsRegistration;
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

  const modelChoice = new ModelChoice(context.globalState, () => readSetting('chatDefaultModel') || undefined, () => chatModelCandidates(catalog.descriptors));
  subs.push(modelChoice, modelChoice.followDefaultModelSetting());

  // Every feature registers the same way; the commands join into one table, so a contributed
  // command no feature handles is a type error.
  const explorer = registerExplorer({
    catalog,
    router,
    state: context.globalState,
    warnStored,
    log,
    extensionUri: context.extensionUri,
    // The chat model Explain, Ask and new chats use, and the embedding setting: marked on their rows.
    defaults: {
      read: () => ({ chat: modelChoice.current(), embedding: readSetting('embeddingDefaultModel') || undefined }),
      onDidChange: (listener) => {
        const subs = [modelChoice.onDidChange(listener), onDidChangeSettings(['chatDefaultModel', 'embeddingDefaultModel'], listener)];
        return { dispose: () => subs.forEach((s) => s.dispose()) };
      },
    },
  });
  const connectionFeature = registerConnection({ connection, secrets: context.secrets, trustedEndpoints, refreshModels: explorer.refresh, catalog, log });
  const images = imageStoreFor(context);
  const isVoiceModel = (id: string) => catalog.descriptors.some((d) => d.id === id && d.apis.bidirectional?.supported === true);
  const chat = registerChat(context, {
    images,
    warnStored,
    backend: routerChatBackend(
      router,
      catalog,
      {
        // The shared choice: last used, else the setting, else a mid-size default; re-read when the setting changes.
        read: () => modelChoice.current(),
        onDidChange: (listener) => onDidChangeSettings(['chatDefaultModel'], listener),
      },
      // A turn that could not reach its endpoint shows in the status bar, as a failed listing does.
      (endpoint, failure) => connectionFeature.status.setFailure(endpoint, failure),
    ),
    // An image or voice model is a choice for those turns only: Explain and Ask keep the last chat model.
    rememberModel: (id) => (imageFamilyOf(id) || isVoiceModel(id) ? undefined : modelChoice.remember(id)),
    voiceSession: router,
    preferences: modelChoice,
    warm: (modelId) => router.warm(modelId),
    onDidChangeConnection: connection.onDidChange,
    // Read at each agent reply (registered below: the tools outlive any one turn).
    agentTools: { tools: () => agentTools.provider.tools(), confirmRestore: (steps) => agentTools.confirmRestore(steps) },
    log,
  });
  const explain = registerExplain({
    // A new turn in the chat view beside the editor, sent at once, so the user can follow up there.
    sink: { ask: ({ request, context, modelId }) => chat.prefill(request, true, modelId, { context }) },
    chatModel: async () => modelChoice.current() ?? (await listedModels(catalog), modelChoice.current()),
    log,
  });
  const languageModels = registerLanguageModels({ catalog, router, connection, defaultModel: () => modelChoice.current(), log, extensionUri: context.extensionUri, images });
  const embed = registerEmbed({ router, embeddingModels: async () => embeddingPickerModels(await listedModels(catalog)), describe: (id) => catalog.describe(id), log });
  const imaging = registerImages({ catalog, store: images, send: (text, modelId, image) => chat.prefill(text, true, modelId, { image }) });
  const jobs = registerJobs(context, { router, connection, listedModels: () => listedModels(catalog), modelName: (id) => catalog.describe(id)?.name, log });
  const voice = registerVoice({ listedModels: () => listedModels(catalog), openChatWith: (modelId) => chat.commands['bedrock.chatWithModel'](modelId) });
  const agentTools = registerAgentTools({
    settings: agentToolSettings(),
    // This extension's own VS Code tools are for other agents; ours does not call back into itself.
    ownToolNames: new Set(((context.extension.packageJSON as { contributes?: { languageModelTools?: Array<{ name?: string }> } }).contributes?.languageModelTools ?? []).flatMap((t) => (t.name ? [t.name] : []))),
  });
  const logFeature = { commands: { 'bedrock.showLog': () => log.show() }, disposables: [] } satisfies FeatureRegistration;
  const features = [explorer, connectionFeature, chat, explain, languageModels, embed, imaging, jobs, voice, agentTools, logFeature] satisfies FeatureRegistration[];
  for (const feature of features) subs.push(...feature.disposables);
  subs.push(
    ...registerCommands({
      ...explorer.commands,
      ...connectionFeature.commands,
      ...chat.commands,
      ...explain.commands,
      ...languageModels.commands,
      ...embed.commands,
      ...imaging.commands,
      ...jobs.commands,
      ...voice.commands,
      ...agentTools.commands,
      ...logFeature.commands,
    }),
  );

  log.info(`Bedrock Workbench ${context.extension.packageJSON.version} activated (region ${connection.info.region})`);
  // After first paint: nothing above touched the network or loaded the AWS SDK.
  setTimeout(() => void explorer.refresh(), 0);
  return { log, connection, catalog, router, tree: explorer.tree, modelDetails: explorer.details, connectionStatus: connectionFeature.status, chat, modelChoice, trustedEndpoints, languageModels, jobs, voice, agentTools, settingProblems: reportedSettingProblems, onDidReportSettingProblem, storageWarnings };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
