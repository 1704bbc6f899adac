// The header toolbar: model picker, API override, and the buttons that open the settings and
// history panels or start a new chat. Panels toggle here; what they hold is theirs.
import { API_LABELS, type ApiId } from '../../src/shared/coreNames';
import type { ModelOption } from '../../src/shared/protocol';
import { el } from './dom';
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
  private readonly apiSelect: HTMLSelectElement;
  private readonly historyToggle: HTMLButtonElement;

  constructor(private readonly opts: ChatHeaderOptions) {
    this.apiSelect = el('select', { id: 'api-select', class: 'api-select', 'aria-label': 'API for the next turn' });
    const settingsToggle = el('button', { type: 'button', class: 'toolbar-button', id: 'settings-toggle', 'aria-expanded': 'false', 'aria-controls': 'settings-panel' }, 'Settings');
    this.historyToggle = el('button', { type: 'button', class: 'toolbar-button', id: 'history-toggle', 'aria-expanded': 'false', 'aria-controls': 'history-panel' }, 'History');
    const newChat = el('button', { type: 'button', class: 'toolbar-button', id: 'new-chat' }, 'New Chat');
    this.element = el('header', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Chat' }, opts.picker.select, opts.picker.badges, this.apiSelect, settingsToggle, this.historyToggle, newChat);

    settingsToggle.addEventListener('click', () => this.toggle(settingsToggle, opts.settingsPanel));
    this.historyToggle.addEventListener('click', () => {
      this.toggle(this.historyToggle, opts.historyPanel);
      if (!opts.historyPanel.hidden) opts.onHistoryOpened();
    });
    newChat.addEventListener('click', () => opts.onNewChat());
    this.renderApiOptions(undefined);
  }

  /** The API the user pinned for the next turn, or '' for the router's choice. */
  get api(): ApiId | '' {
    return this.apiSelect.value as ApiId | '';
  }

  /** Offers the model's APIs; keeps the pinned one when the model has it. */
  renderApiOptions(model: ModelOption | undefined): void {
    const current = this.apiSelect.value;
    const apis = model?.apis ?? [];
    this.apiSelect.replaceChildren(el('option', { value: '' }, 'API: auto'), ...apis.map((a) => el('option', { value: a }, `API: ${API_LABELS[a] ?? a}`)));
    this.apiSelect.value = apis.includes(current as ApiId) ? current : '';
  }

  /** Pins `api` when the model offers it (a stored conversation's override). */
  pinApi(api: ApiId | undefined, model: ModelOption | undefined): void {
    if (api && model?.apis?.includes(api)) this.apiSelect.value = api;
  }

  closeHistory(): void {
    this.opts.historyPanel.hidden = true;
    this.historyToggle.setAttribute('aria-expanded', 'false');
  }

  private toggle(button: HTMLButtonElement, panel: HTMLElement): void {
    panel.hidden = !panel.hidden;
    button.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) (panel.querySelector('textarea, input, button') as HTMLElement | null)?.focus();
  }
}
