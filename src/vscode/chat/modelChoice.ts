// The chat model shared by the chat view, the editor-tab chat, Explain and Ask: choosing a model in
// one is enough for all. Remembers the models used (global state, most recent first) and answers
// with the default rule (last used, else the setting, else a current mid-size model). Also keeps
// the user's favourite models and the system prompt new chats start with; every open chat hears
// of a change through `onDidChange`.
import type * as vscode from 'vscode';
import { chooseDefaultChatModel, readRecentModels, withRecentModel, type ChatModelCandidate } from '../../core/bedrock/catalog/defaultChatModel';
import { readDefaultSystemPrompt, readFavouriteModels, storedDefaultSystemPrompt, withFavouriteModel } from '../../core/chat/chatPreferences';
import type { IDisposable } from '../../core/lifecycle';
import { DEFAULT_SYSTEM_PROMPT_KEY, FAVOURITE_CHAT_MODELS_KEY, RECENT_CHAT_MODELS_KEY } from '../../core/storageKeys';
import { onDidChangeSettings, readSetting } from '../settings';
import { Emitter } from '../../core/emitter';

/** What changed: the chosen model (recent list), the favourites, or the default system prompt. */
export type ModelChoiceChange = 'model' | 'favourites' | 'defaultSystem';

export class ModelChoice {
  private readonly changeEmitter = new Emitter<ModelChoiceChange>();
  /** Fires after a model was remembered (the current choice may have changed), a favourite or the default system prompt changed. */
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
    this.changeEmitter.fire('model');
  }

  favourites(): string[] {
    return readFavouriteModels(this.state.get(FAVOURITE_CHAT_MODELS_KEY));
  }

  async setFavourite(modelId: string, favourite: boolean): Promise<void> {
    await this.state.update(FAVOURITE_CHAT_MODELS_KEY, withFavouriteModel(this.favourites(), modelId, favourite));
    this.changeEmitter.fire('favourites');
  }

  /** The system prompt new chats start with ('' = none). */
  defaultSystem(): string {
    return readDefaultSystemPrompt(this.state.get(DEFAULT_SYSTEM_PROMPT_KEY));
  }

  async saveDefaultSystem(text: string): Promise<void> {
    await this.state.update(DEFAULT_SYSTEM_PROMPT_KEY, storedDefaultSystemPrompt(text));
    this.changeEmitter.fire('defaultSystem');
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
