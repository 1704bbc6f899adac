// The controls in the composer's toolbar, left of Send: the reasoning level (shown only for a
// model that takes one; which do is decided in src/core/bedrock/catalog/reasoningSupport.ts and
// arrives as `ModelOption.reasoning`), and an indicator per active setting — system prompt, pinned
// API, non-default parameters — whose tooltip says which and whose click opens it.
import { canTurnReasoningOff, type ReasoningLevel } from '../../src/shared/coreNames';
import type { ModelOption } from '../../src/shared/protocol';
import { ChoiceMenu, type Choice } from './choiceMenu';
import { el } from './dom';
import { iconButton } from './icons';
import type { ActiveSetting, SettingsField } from './settingsPanel';

export type ReasoningChoice = ReasoningLevel | 'off';

const ICONS: Record<SettingsField, string> = { system: 'note', api: 'pinned', params: 'symbol-parameter' };
const LEVEL_LABELS: Record<ReasoningLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export class ComposerControls {
  readonly element: HTMLElement;
  private readonly reasoning: ChoiceMenu<ReasoningChoice>;
  private readonly indicators: HTMLElement;
  private level: ReasoningChoice = 'off';

  constructor(opts: { onReasoningChanged(): void; onIndicator(field: SettingsField): void }) {
    this.reasoning = new ChoiceMenu<ReasoningChoice>({
      id: 'reasoning-level',
      iconName: 'lightbulb',
      name: 'Reasoning',
      onChange: (v) => {
        this.level = v;
        opts.onReasoningChanged();
      },
    });
    this.reasoning.element.hidden = true;
    this.indicators = el('div', { class: 'setting-indicators', role: 'group', 'aria-label': 'Active settings' });
    this.indicators.addEventListener('click', (e) => {
      const field = (e.target as Element).closest('[data-field]')?.getAttribute('data-field') as SettingsField | null;
      if (field) opts.onIndicator(field);
    });
    this.element = el('div', { class: 'composer-controls' }, this.reasoning.element, this.indicators);
  }

  /** The level to send, or undefined for off (or the model's own default). */
  get reasoningLevel(): ReasoningLevel | undefined {
    return this.reasoning.element.hidden || this.level === 'off' ? undefined : this.level;
  }

  /** Shows the reasoning control for a model that takes one, with the choices its style has. */
  setModel(model: ModelOption | undefined): void {
    const style = model?.reasoning;
    this.reasoning.element.hidden = !style;
    if (!style) return;
    const choices: Choice<ReasoningChoice>[] = [
      // gpt-oss always reasons: leaving the field out means its own default, not "off".
      { value: 'off', label: canTurnReasoningOff(style) ? 'Off' : 'Default' },
      ...(['low', 'medium', 'high'] as const).map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
    ];
    this.reasoning.setChoices(choices, this.level);
  }

  /** A stored conversation's level (absent = off). */
  setLevel(level: ReasoningLevel | undefined): void {
    this.level = level ?? 'off';
    this.reasoning.set(this.level);
  }

  showActive(active: ActiveSetting[]): void {
    this.indicators.replaceChildren(
      ...active.map((a) => iconButton(ICONS[a.field], `${a.description}. Click to change.`, { class: 'icon-button setting-indicator', 'data-field': a.field, id: `indicator-${a.field}` })),
    );
  }
}
