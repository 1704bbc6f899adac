// The chat model shared by the chat view, the editor-tab chat, Explain and Ask: choosing a model in
// one is enough for all. Remembers the models used (global state, most recent first) and answers
// with the default rule (last used, else the setting, else a current mid-size model).
import type * as vscode from 'vscode';
import { chooseDefaultChatModel, readRecentModels, withRecentModel, type ChatModelCandidate } from '../../core/bedrock/catalog/defaultChatModel';
import type { IDisposable } from '../../core/lifecycle';
import { RECENT_CHAT_MODELS_KEY } from '../../core/storageKeys';
import { onDidChangeSettings, readSetting } from '../settings';
import { Emitter } from '../../core/emitter';

export class ModelChoice {
  private readonly changeEmitter = new Emitter<void>();
  /** Fires after a model was remembered (the current choice may have changed). */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly configured: () => string | undefined,
    private readonly candidates: () => readonly ChatModelCandidate[],
  ) {}

  /** Models used lately, most recent first. */
  recent(): string[] {
    return readRecentModels(this.state.get(RECENT_CHAT_MODELS_KEY));
  }

  /** The model a chat, Explain or Ask uses when none was picked for it; undefined when there is none. */
  current(): string | undefined {
    return chooseDefaultChatModel({ recent: this.recent(), configured: this.configured(), models: this.candidates() });
  }

  /**
   * Setting the default (from the explorer or the settings) is a choice too: it applies at once,
   * even after other models were used.
   */
  followDefaultModelSetting(): IDisposable {
    return onDidChangeSettings(['chatDefaultModel'], () => {
      const configured = readSetting('chatDefaultModel');
      if (configured) void this.remember(configured);
    });
  }

  /** The user picked or chatted with `modelId`. */
  async remember(modelId: string): Promise<void> {
    const recent = this.recent();
    if (recent[0] === modelId) return;
    await this.state.update(RECENT_CHAT_MODELS_KEY, withRecentModel(recent, modelId));
    this.changeEmitter.fire();
  }
}
