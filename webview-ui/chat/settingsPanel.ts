// The conversation settings: system prompt (with "Save as default" for new chats), the API pin,
// temperature, max tokens, top-p; every number kept inside the model's known limits in the UI the
// user sees. `active()` says which differ from the defaults, for the indicators under the composer.
import { API_LABELS, type ApiId } from '../../src/shared/coreNames';
import type { ChatParams, ModelOption } from '../../src/shared/protocol';
import { el } from './dom';

/** Upper bound for max tokens when the model's limit is unknown. */
const FALLBACK_MAX_TOKENS = 1_000_000;

export type SettingsField = 'system' | 'api' | 'params';

export interface ActiveSetting {
  field: SettingsField;
  /** Tooltip: which setting is active and its value. */
  description: string;
}

export interface SettingsPanelOptions {
  /** Any setting changed (the indicators follow). */
  onChanged(): void;
  /** Save the system prompt as the one new chats start with. */
  onSaveDefault(system: string): void;
}

/** A label above its control; the grid puts as many side by side as the width allows. */
function field(id: string, label: string, control: HTMLElement, extraClass = ''): HTMLElement {
  return el('div', { class: `param-field ${extraClass}`.trim() }, el('label', { for: id, class: 'field-label' }, label), control);
}

export class SettingsPanel {
  readonly element: HTMLElement;
  private readonly systemInput: HTMLTextAreaElement;
  private readonly saveDefault: HTMLButtonElement;
  private readonly defaultNote: HTMLElement;
  private readonly apiSelect: HTMLSelectElement;
  private readonly temperatureInput: HTMLInputElement;
  private readonly maxTokensInput: HTMLInputElement;
  private readonly topPInput: HTMLInputElement;
  private model: ModelOption | undefined;
  private defaultSystem = '';

  constructor(private readonly opts: SettingsPanelOptions) {
    this.systemInput = el('textarea', { id: 'system-prompt', class: 'system-input', rows: '3', placeholder: 'Optional instructions for every turn' });
    this.saveDefault = el('button', { type: 'button', id: 'save-default-system', class: 'link-button', title: 'New chats start with this system prompt' }, 'Save as default');
    this.defaultNote = el('span', { class: 'field-note', 'aria-live': 'polite' });
    this.apiSelect = el('select', { id: 'api-select', class: 'api-select', 'aria-label': 'API for the next turn' });
    this.temperatureInput = el('input', { id: 'temperature', type: 'number', min: '0', max: '1', step: '0.1', placeholder: 'default', class: 'param-input' });
    this.maxTokensInput = el('input', { id: 'max-tokens', type: 'number', min: '1', step: '1', placeholder: 'default', class: 'param-input' });
    this.topPInput = el('input', { id: 'top-p', type: 'number', min: '0', max: '1', step: '0.05', placeholder: 'default', class: 'param-input' });
    this.element = el(
      'section',
      { id: 'settings-panel', class: 'settings-panel', 'aria-label': 'Conversation settings' },
      el('label', { for: 'system-prompt', class: 'field-label' }, 'System prompt'),
      this.systemInput,
      el('div', { class: 'field-actions' }, this.saveDefault, this.defaultNote),
      el(
        'div',
        { class: 'param-grid' },
        field('api-select', 'API', this.apiSelect, 'param-field-wide'),
        field('temperature', 'Temperature', this.temperatureInput),
        field('max-tokens', 'Max tokens', this.maxTokensInput),
        field('top-p', 'Top P', this.topPInput),
      ),
    );
    this.element.hidden = true;
    for (const input of [this.maxTokensInput, this.temperatureInput, this.topPInput]) {
      input.addEventListener('change', () => {
        this.clampInputs();
        opts.onChanged();
      });
    }
    this.systemInput.addEventListener('input', () => {
      this.renderDefaultNote();
      opts.onChanged();
    });
    this.apiSelect.addEventListener('change', () => opts.onChanged());
    this.saveDefault.addEventListener('click', () => {
      this.defaultSystem = this.systemInput.value;
      opts.onSaveDefault(this.systemInput.value);
      this.renderDefaultNote();
    });
    this.renderApiOptions(undefined);
  }

  get system(): string {
    return this.systemInput.value;
  }

  /** The API the user pinned for the next turn, or '' for the router's choice. */
  get api(): ApiId | '' {
    return this.apiSelect.value as ApiId | '';
  }

  /** The system prompt new chats start with (from the host). */
  setDefaultSystem(system: string): void {
    this.defaultSystem = system;
    this.renderDefaultNote();
  }

  get savedDefaultSystem(): string {
    return this.defaultSystem;
  }

  /** The model the limits and the API choices come from; keeps the pinned API when the model has it. */
  setModel(model: ModelOption | undefined): void {
    this.model = model;
    if (model?.maxOutputTokens) this.maxTokensInput.max = String(model.maxOutputTokens);
    else this.maxTokensInput.removeAttribute('max');
    this.clampInputs();
    this.renderApiOptions(model);
  }

  /** Shows a conversation's settings (a new chat: the default system prompt, nothing else set). */
  load(system: string | undefined, params: ChatParams | undefined, api: ApiId | undefined): void {
    this.systemInput.value = system ?? '';
    this.temperatureInput.value = params?.temperature?.toString() ?? '';
    this.maxTokensInput.value = params?.maxTokens?.toString() ?? '';
    this.topPInput.value = params?.topP?.toString() ?? '';
    this.renderApiOptions(this.model);
    this.apiSelect.value = api && this.model?.apis?.includes(api) ? api : '';
    this.renderDefaultNote();
    this.opts.onChanged();
  }

  /** The parameters the user set, clamped; undefined when all are left at the model's default. */
  params(): ChatParams | undefined {
    this.clampInputs();
    const p: ChatParams = {};
    if (this.temperatureInput.value !== '') p.temperature = Number(this.temperatureInput.value);
    if (this.maxTokensInput.value !== '') p.maxTokens = Number(this.maxTokensInput.value);
    if (this.topPInput.value !== '') p.topP = Number(this.topPInput.value);
    return Object.keys(p).length ? p : undefined;
  }

  /** The settings that differ from the defaults, each with a sentence saying which and its value. */
  active(): ActiveSetting[] {
    const out: ActiveSetting[] = [];
    const system = this.systemInput.value.trim();
    if (system) out.push({ field: 'system', description: `System prompt: ${system.length > 80 ? `${system.slice(0, 79)}…` : system}` });
    if (this.api) out.push({ field: 'api', description: `API pinned to ${API_LABELS[this.api] ?? this.api} (the router does not choose)` });
    const p = this.params();
    if (p) {
      const parts = [p.temperature !== undefined && `temperature ${p.temperature}`, p.maxTokens !== undefined && `max tokens ${p.maxTokens}`, p.topP !== undefined && `top-p ${p.topP}`].filter(Boolean);
      out.push({ field: 'params', description: `Parameters: ${parts.join(', ')}` });
    }
    return out;
  }

  /** Focuses the control of `field` (the panel must be open). */
  focusField(field: SettingsField): void {
    const target = field === 'system' ? this.systemInput : field === 'api' ? this.apiSelect : [this.temperatureInput, this.maxTokensInput, this.topPInput].find((i) => i.value !== '') ?? this.temperatureInput;
    target.focus();
  }

  /** Adds a field of another part of the chat (the voice) to the panel's grid. */
  addField(field: HTMLElement): void {
    this.element.querySelector('.param-grid')?.append(field);
  }

  private renderApiOptions(model: ModelOption | undefined): void {
    const current = this.apiSelect.value;
    const apis = model?.apis ?? [];
    this.apiSelect.replaceChildren(el('option', { value: '' }, 'Auto (the router chooses)'), ...apis.map((a) => el('option', { value: a }, API_LABELS[a] ?? a)));
    this.apiSelect.value = apis.includes(current as ApiId) ? current : '';
  }

  private renderDefaultNote(): void {
    const same = this.systemInput.value === this.defaultSystem;
    this.saveDefault.disabled = same;
    this.defaultNote.textContent = same ? (this.defaultSystem ? 'New chats start with this prompt.' : 'New chats start without a system prompt.') : '';
  }

  private clampInputs(): void {
    const clamp = (input: HTMLInputElement, lo: number, hi: number | undefined, integer = false) => {
      if (input.value === '') return;
      let v = Number(input.value);
      if (!Number.isFinite(v)) {
        input.value = '';
        return;
      }
      v = Math.max(lo, hi === undefined ? v : Math.min(hi, v));
      input.value = String(integer ? Math.round(v) : v);
    };
    clamp(this.temperatureInput, 0, 1);
    clamp(this.topPInput, 0, 1);
    // Without a known model limit, stay well inside what the host accepts: the router learns the
    // real limit from the service's error and retries once.
    clamp(this.maxTokensInput, 1, this.model?.maxOutputTokens ?? FALLBACK_MAX_TOKENS, true);
  }
}
