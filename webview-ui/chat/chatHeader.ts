// The header: one row of VS Code-style toolbar controls that fits a 300 px side bar — the model
// picker (taking the free width) and icon buttons for a new chat, past chats and the settings.
// The history and settings panels toggle here; what they hold is theirs.
import { el } from './dom';
import { iconButton } from './icons';
import type { ModelPicker } from './modelPicker';

export interface ChatHeaderOptions {
  picker: ModelPicker;
  settingsPanel: HTMLElement;
  historyPanel: HTMLElement;
  /** The history panel opened: the host should send the list. */
  onHistoryOpened(): void;
  onNewChat(): void;
}

export class ChatHeader {
  readonly element: HTMLElement;
  private readonly historyToggle: HTMLButtonElement;
  private readonly settingsToggle: HTMLButtonElement;

  constructor(private readonly opts: ChatHeaderOptions) {
    const newChat = iconButton('add', 'New Chat', { id: 'new-chat' });
    this.historyToggle = iconButton('history', 'Past Chats', { id: 'history-toggle', 'aria-expanded': 'false', 'aria-controls': 'history-panel' });
    this.settingsToggle = iconButton('settings-gear', 'Chat Settings', { id: 'settings-toggle', 'aria-expanded': 'false', 'aria-controls': 'settings-panel' });
    this.element = el(
      'header',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Chat' },
      opts.picker.trigger,
      el('div', { class: 'toolbar-actions' }, newChat, this.historyToggle, this.settingsToggle),
      opts.picker.popup,
    );
    this.settingsToggle.addEventListener('click', () => this.toggle(this.settingsToggle, opts.settingsPanel));
    this.historyToggle.addEventListener('click', () => {
      this.toggle(this.historyToggle, opts.historyPanel);
      if (!opts.historyPanel.hidden) opts.onHistoryOpened();
    });
    newChat.addEventListener('click', () => opts.onNewChat());
  }

  closeHistory(): void {
    this.opts.historyPanel.hidden = true;
    this.historyToggle.setAttribute('aria-expanded', 'false');
  }

  /** Opens the settings panel (an indicator was clicked); the caller focuses the field. */
  openSettings(): void {
    if (this.opts.settingsPanel.hidden) this.toggle(this.settingsToggle, this.opts.settingsPanel, false);
  }

  private toggle(button: HTMLButtonElement, panel: HTMLElement, focus = true): void {
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden && focus) (panel.querySelector('textarea, input, button') as HTMLElement | null)?.focus();
  }
}
