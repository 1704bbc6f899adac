// "Bedrock: Voice Chat": opens the chat view with a Nova Sonic model chosen, so its composer is the
// voice composer (Speak, Send WAV file…, and typed turns where the model takes them). Also on the
// explorer's menu for speech models.
import * as vscode from 'vscode';
import type { ModelDescriptor } from '../../core/bedrock/catalog/modelDescriptor';
import { modelIdFromArgument } from '../../core/chat/modelOptions';
import type { FeatureRegistration } from '../commands';
import { showWarningMessage } from '../notify';

export interface VoiceDeps {
  /** The catalog's models; right after start-up it waits for the first listing rather than answer "none". */
  listedModels(): Promise<readonly ModelDescriptor[]>;
  /** Shows the chat view with a new conversation on `modelId`. */
  openChatWith(modelId: string): Promise<unknown>;
}

export type VoiceRegistration = FeatureRegistration<{ 'bedrock.voiceChat': (arg?: unknown) => Promise<unknown> }>;

export function registerVoice(deps: VoiceDeps): VoiceRegistration {
  async function pickModel(arg: unknown): Promise<ModelDescriptor | undefined> {
    const models = (await deps.listedModels()).filter((d) => d.apis.bidirectional?.supported);
    const asked = modelIdFromArgument(arg);
    if (asked) {
      const d = models.find((m) => m.id === asked);
      if (d) return d;
      void showWarningMessage(`${asked} does not take voice input. Voice chat needs a Nova Sonic model.`);
      return undefined;
    }
    if (!models.length) {
      void showWarningMessage('No Nova Sonic model is listed in this region. Voice chat needs Amazon Nova Sonic or Nova 2 Sonic: try us-east-1 (Bedrock: Select Region).');
      return undefined;
    }
    if (models.length === 1) return models[0];
    const picked = await vscode.window.showQuickPick(
      models.map((d) => ({ label: d.name, description: d.id, d })),
      { title: 'Voice chat: choose a model' },
    );
    return picked?.d;
  }

  return {
    commands: {
      'bedrock.voiceChat': async (arg?: unknown) => {
        const model = await pickModel(arg);
        return model ? deps.openChatWith(model.id) : undefined;
      },
    },
    disposables: [],
  };
}
