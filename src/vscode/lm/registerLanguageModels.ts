// Bedrock in VS Code's language-model API: the chat provider (vendor `bedrock`), the tools any model
// may call, and the `@bedrock` participant. Everything here reads the shared catalog and router.
import * as vscode from 'vscode';
import type { Catalog } from '../../core/bedrock/catalog/catalog';
import type { BedrockConnection } from '../../core/bedrock/connection/connection';
import type { Router } from '../../core/bedrock/routing/router';
import { countTokensWith } from '../../core/lm/countTokensCall';
import { TokenCounter } from '../../core/lm/tokenCounter';
import { BedrockChatProvider, LM_VENDOR } from './bedrockChatProvider';
import { registerBedrockParticipant } from './bedrockParticipant';
import { registerLmTools } from './lmTools';
import { imageTool } from './imageTool';
import type { ImageFileStore } from '../images/imageFileStore';
import type { FeatureRegistration } from '../commands';

export interface LanguageModelDeps {
  catalog: Catalog;
  router: Router;
  connection: BedrockConnection;
  /** The user's default chat model (last used, else the setting). */
  defaultModel(): string | undefined;
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
  /** Where generated images are kept (the chat's image files). */
  images: ImageFileStore;
}

/** No commands of its own: VS Code reaches the provider, the tools and the participant through its own APIs. */
export interface LanguageModelRegistration extends FeatureRegistration<Record<never, never>> {
  provider: BedrockChatProvider;
  tokens: TokenCounter;
}

export function registerLanguageModels(deps: LanguageModelDeps): LanguageModelRegistration {
  const { catalog, router, connection, log } = deps;
  const plan = (modelId: string) => {
    try {
      return router.plan({ modelId, task: 'chat', features: { streaming: true } });
    } catch {
      return undefined;
    }
  };
  const tokens = new TokenCounter({
    countTokens: countTokensWith(connection),
    baseModelOf: (id) => catalog.describe(id)?.baseModelId ?? catalog.describe(id)?.id ?? id,
    region: () => connection.info.region,
    log: (m) => log.info(m),
  });
  const provider = new BedrockChatProvider({
    catalog,
    router,
    tokens,
    onDidChangeConnection: (listener) => connection.onDidChange(listener),
    defaultModel: deps.defaultModel,
    log,
  });
  const region = () => connection.info.region;
  const disposables = [
    provider,
    vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider),
    ...registerLmTools({ region, catalog, plan, tokens, defaultModel: deps.defaultModel }),
    vscode.lm.registerTool(
      'bedrock_generate_image',
      imageTool({ region, catalog, generate: (req, signal) => router.generateImage(req, signal), save: async (data, mime) => deps.images.fileOf(await deps.images.put(data, mime), mime) }),
    ),
    registerBedrockParticipant({ router, catalog, describe: (id) => catalog.describe(id), region, defaultModel: deps.defaultModel, log }, deps.extensionUri),
  ];
  return { commands: {}, disposables, provider, tokens };
}
