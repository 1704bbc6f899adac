/**
 * Every command the extension contributes. A unit test checks this list equals
 * `contributes.commands` in package.json, so the manifest never offers a command that isn't wired.
 * Kept apart from the registration code so plain-node tests can read it without `vscode`.
 */
export const COMMAND_IDS = [
  'bedrock.showLog',
  'bedrock.refreshModels',
  'bedrock.filterModels',
  'bedrock.clearModelFilter',
  'bedrock.selectRegion',
  'bedrock.selectProfile',
  'bedrock.connectionMenu',
  'bedrock.setDefaultChatModel',
  'bedrock.setDefaultEmbeddingModel',
  'bedrock.copyModelId',
  'bedrock.copyModelArn',
  'bedrock.showModelDetails',
  'bedrock.moveModelSelection',
  'bedrock.setApiKey',
  'bedrock.ssoLogin',
  'bedrock.reloadCredentials',
  'bedrock.manageTrustedEndpoints',
  'bedrock.openChat',
  'bedrock.openChatInEditor',
  'bedrock.chatWithModel',
  'bedrock.chat.pickTools',
  'bedrock.embedSelection',
  'bedrock.compareEmbeddings',
  'bedrock.copyLastVector',
  'bedrock.explainSelection',
  'bedrock.askAboutSelection',
  'bedrock.generateImage',
  'bedrock.generateImageVariations',
  'bedrock.removeImageBackground',
  'bedrock.editImageWithPrompt',
  'bedrock.generateVideo',
  'bedrock.embedMediaFile',
  'bedrock.refreshJobs',
  'bedrock.openJobResult',
  'bedrock.copyJobS3Uri',
  'bedrock.openJobInConsole',
  'bedrock.voiceChat',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
