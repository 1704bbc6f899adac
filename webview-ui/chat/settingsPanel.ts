// The conversation settings: system prompt, temperature, max tokens, top-p; every number kept
// inside the model's known limits in the UI the user sees.
import type { ChatParams, ModelOption } from '../../src/shared/protocol';
import { el } from './dom';

/** Upper bound for max tokens when the model's limit is unknown. */
const FALLBACK_MAX_TOKENS = 1_000_000;

export class SettingsPanel {
  readonly element: HTMLElement;
  private readonly systemInput: HTMLTextAreaElement;
  private readonly temperatureInput: HTMLInputElement;
  private readonly maxTokensInput: HTMLInputElement;
  private readonly topPInput: HTMLInputElement;
  private model: ModelOption | undefined;

  constructor() {
    this.systemInput = el('textarea', { id: 'system-prompt', class: 'system-input', rows: '3', placeholder: 'Optional instructions for every turn' });
    this.temperatureInput = el('input', { id: 'temperature', type: 'number', min: '0', max: '1', step: '0.1', placeholder: 'default', class: 'param-input' });
    this.maxTokensInput = el('input', { id: 'max-tokens', type: 'number', min: '1', step: '1', placeholder: 'default', class: 'param-input' });
    this.topPInput = el('input', { id: 'top-p', type: 'number', min: '0', max: '1', step: '0.05', placeholder: 'default', class: 'param-input' });
    this.element = el(
      'section',
      { id: 'settings-panel', class: 'settings-panel', 'aria-label': 'Conversation settings' },
      el('label', { for: 'system-prompt', class: 'field-label' }, 'System prompt'),
      this.systemInput,
      el(
        'div',
        { class: 'param-row' },
        el('label', { for: 'temperature', class: 'field-label' }, 'Temperature'),
        this.temperatureInput,
        el('label', { for: 'max-tokens', class: 'field-label' }, 'Max tokens'),
        this.maxTokensInput,
        el('label', { for: 'top-p', class: 'field-label' }, 'Top P'),
        this.topPInput,
      ),
    );
    this.element.hidden = true;
    for (const input of [this.maxTokensInput, this.temperatureInput, this.topPInput]) input.addEventListener('change', () => this.clampInputs());
  }

  get system(): string {
    return this.systemInput.value;
  }

  /** The model the limits come from. */
  setModel(model: ModelOption | undefined): void {
    this.model = model;
    if (model?.maxOutputTokens) this.maxTokensInput.max = String(model.maxOutputTokens);
    else this.maxTokensInput.removeAttribute('max');
    this.clampInputs();
  }

  /** Shows a stored conversation's settings. */
  load(system: string | undefined, params: ChatParams | undefined): void {
    this.systemInput.value = system ?? '';
    this.temperatureInput.value = params?.temperature?.toString() ?? '';
    this.maxTokensInput.value = params?.maxTokens?.toString() ?? '';
    this.topPInput.value = params?.topP?.toString() ?? '';
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
