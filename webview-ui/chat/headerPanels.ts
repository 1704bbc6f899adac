// Builds the header and what it opens: the model picker, the settings panel, the history panel,
// and the composer's controls (agent mode, reasoning, settings indicators), wired to each other and to the host. Split out of
// chatApp.ts so its constructor keeps only the conversation's own wiring.
import type { ChatParams } from '../../src/shared/protocol';
import { AgentControls } from './agentControls';
import { ChatHeader } from './chatHeader';
import { ComposerControls } from './composerControls';
import { HistoryPanel } from './historyPanel';
import { ModelPicker } from './modelPicker';
import { SettingsPanel } from './settingsPanel';
import type { HostApi } from './vscodeApi';

export interface HeaderPanels {
  picker: ModelPicker;
  settings: SettingsPanel;
  controls: ComposerControls;
  agent: AgentControls;
  history: HistoryPanel;
  header: ChatHeader;
}

export interface HeaderPanelsOptions {
  host: HostApi;
  initialModelId: string | undefined;
  /** Agent mode as this view left it. */
  initialAgent: boolean;
  selectModel(id: string): void;
  saveState(): void;
  newChat(): void;
  focusComposer(): void;
}

export function createHeaderPanels(o: HeaderPanelsOptions): HeaderPanels {
  const host = o.host;
  // Built in this order; the callbacks reach the later ones only once they exist.
  const later: { controls?: ComposerControls; header?: ChatHeader } = {};
  const picker = new ModelPicker({
    initialId: o.initialModelId,
    onPick: (id) => o.selectModel(id),
    onFavourite: (modelId, favourite) => host.postMessage({ method: 'models/favourite', modelId, favourite }),
  });
  const settings: SettingsPanel = new SettingsPanel({
    onChanged: () => later.controls?.showActive(settings.active()),
    onSaveDefault: (system) => host.postMessage({ method: 'settings/saveDefaultSystem', system }),
  });
  const controls = (later.controls = new ComposerControls({
    onReasoningChanged: () => o.saveState(),
    onIndicator: (field) => {
      later.header?.openSettings();
      settings.focusField(field);
    },
  }));
  const agent = new AgentControls({
    onChanged: () => o.saveState(),
    onPickTools: () => host.postMessage({ method: 'agent/pickTools' }),
  });
  agent.set(o.initialAgent);
  controls.element.prepend(agent.element);
  const history = new HistoryPanel({
    open: (conversationId) => {
      host.postMessage({ method: 'history/open', conversationId });
      later.header?.closeHistory();
      o.focusComposer();
    },
    delete: (conversationId) => host.postMessage({ method: 'history/delete', conversationId }),
  });
  const header = (later.header = new ChatHeader({
    picker,
    settingsPanel: settings.element,
    historyPanel: history.element,
    onHistoryOpened: () => host.postMessage({ method: 'history/list' }),
    onNewChat: () => o.newChat(),
  }));
  return { picker, settings, controls, agent, history, header };
}

/** The settings panel's parameters plus the reasoning level; undefined when nothing is set. */
export function chatParams(settings: SettingsPanel, controls: ComposerControls): ChatParams | undefined {
  const reasoning = controls.reasoningLevel;
  const p: ChatParams = { ...settings.params(), ...(reasoning ? { reasoning } : {}) };
  return Object.keys(p).length ? p : undefined;
}
