// Routes each message from the extension host to the part of the chat it is for. Split out of
// chatApp.ts: the app supplies its parts and the steps that change the conversation (stream, load,
// send); this keeps the one switch over every host message.
import { handledEveryMessage } from '../../src/shared/exhaustive';
import { readStoredConversation } from '../../src/shared/persistedRecords';
import type { ChatContext, ChatStreamMessage, HostToWebviewMessage, PersistedConversation } from '../../src/shared/protocol';
import type { ImageTurnOptions } from '../../src/shared/imageProtocol';
import { readContext } from '../../src/shared/protocolValidation';
import type { ImageTurns } from '../images/imageTurns';
import type { VoiceTurns } from '../voice/voiceTurns';
import type { AttachmentTray } from './attachmentTray';
import type { Composer } from './composer';
import type { HistoryPanel } from './historyPanel';
import type { ModelPicker } from './modelPicker';
import { isPickable } from './modelList';
import type { SettingsPanel } from './settingsPanel';
import { applyTokenColors } from './tokenColors';
import type { TurnRestores } from './turnRestore';

export interface HostMessageTarget {
  picker: ModelPicker;
  settings: SettingsPanel;
  history: HistoryPanel;
  tray: AttachmentTray;
  images: ImageTurns;
  voice: VoiceTurns;
  composer: Composer;
  restores: TurnRestores;
  conversationId(): string;
  /** Whether the transcript has no turns yet. */
  isEmpty(): boolean;
  stream(m: ChatStreamMessage): void;
  selectModel(id: string): void;
  modelChanged(): void;
  saveState(): void;
  load(conv: PersistedConversation): void;
  /** Sends the composer's text now; a reply streaming is stopped first (and kept as it is). */
  /** `modelId`: this turn's model instead of the picker's (its image options are sent as given). */
  sendNow(overrides: { image?: ImageTurnOptions; context?: ChatContext; modelId?: string }): void;
}

export function routeHostMessage(m: HostToWebviewMessage, t: HostMessageTarget): void {
  if (!m || typeof m !== 'object' || typeof m.method !== 'string') return;
  switch (m.method) {
    case 'chat/start':
    case 'chat/delta':
    case 'chat/route':
    case 'chat/retry':
    case 'chat/tool':
    case 'chat/end':
    case 'chat/error':
    case 'chat/images':
    case 'chat/voice':
      return t.stream(m);
    case 'voice/picked':
      return t.voice.onPicked(m);
    case 'voice/data':
      return t.voice.onData(m);
    case 'image/data':
      return t.images.onData(m);
    case 'models/list':
      t.picker.setModels(m.models, m.selectedModelId, m.favourites, m.recent);
      // Chosen in another chat, by Explain or Ask, or through the setting: this chat follows.
      if (m.chosenElsewhere && m.selectedModelId) t.picker.show(m.selectedModelId);
      t.modelChanged();
      return t.saveState();
    case 'chat/defaults':
      t.settings.setDefaultSystem(m.system);
      t.voice.choice.setChosen(m.voiceId);
      // A chat with nothing in it yet starts from the saved default.
      if (t.isEmpty() && !t.settings.system) t.settings.load(m.system, t.settings.params(), t.settings.api || undefined);
      return;
    case 'theme/tokenColors':
      return applyTokenColors(document.documentElement, m.colors);
    case 'history/list':
      return t.history.render(m.conversations, t.conversationId());
    case 'history/load': {
      // Stored conversations can be corrupt: render what can be read, never throw on the rest.
      const conv = readStoredConversation(m.conversation);
      if (conv) t.load(conv);
      return;
    }
    case 'chat/prefill': {
      // A model that only edits images (Remove Background, Search and Replace…) runs this one turn;
      // the chat keeps the model it had, since that model could not answer the next message.
      const option = typeof m.modelId === 'string' ? t.picker.option(m.modelId) : undefined;
      const editOnly = m.send && m.image && option && !isPickable(option) ? option.id : undefined;
      if (!editOnly && typeof m.modelId === 'string' && m.modelId.trim() && m.modelId !== t.picker.selectedId) {
        t.selectModel(m.modelId);
      }
      t.composer.text = typeof m.text === 'string' ? m.text : '';
      t.saveState();
      // "Explain Selection" while a reply streams: that reply stops (kept as it is) and this one goes.
      if (m.send) t.sendNow({ image: m.image, context: readContext(m.context), ...(editOnly ? { modelId: editOnly } : {}) });
      else t.composer.focus();
      return;
    }
    case 'attach/added':
      return t.tray.add(m.attachment);
    case 'attach/refused':
      return t.tray.showError(m.message);
    case 'attach/prepareImage':
      void t.tray.prepareImage(m.name, m.mime, m.dataBase64);
      return;
    case 'agent/restored':
      return t.restores.answered(m);
    default:
      return handledEveryMessage(m);
  }
}
