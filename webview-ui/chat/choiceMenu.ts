// A compact drop-down for a few fixed choices (the reasoning level): a toolbar button showing the
// current choice, opening a listbox. Keyboard: arrows, Home/End, Enter or Space chooses, Escape
// closes; focus returns to the button.
import { closeOnEscapeOrTab, el } from './dom';
import { icon } from './icons';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export interface ChoiceMenuOptions<T extends string> {
  id: string;
  iconName: string;
  /** What is being chosen, e.g. "Reasoning": the button reads "Reasoning: Medium". */
  name: string;
  onChange(value: T): void;
}

export class ChoiceMenu<T extends string> {
  readonly element: HTMLElement;
  readonly button: HTMLButtonElement;
  private readonly buttonLabel: HTMLElement;
  private readonly list: HTMLElement;
  private choices: Choice<T>[] = [];
  private current: T | undefined;
  private active = 0;

  constructor(private readonly opts: ChoiceMenuOptions<T>) {
    this.buttonLabel = el('span', { class: 'choice-label' });
    this.button = el(
      'button',
      { type: 'button', id: opts.id, class: 'choice-button', 'aria-haspopup': 'listbox', 'aria-expanded': 'false', 'aria-controls': `${opts.id}-list` },
      icon(opts.iconName),
      this.buttonLabel,
      icon('chevron-down', 'choice-chevron'),
    );
    this.list = el('div', { id: `${opts.id}-list`, class: 'choice-list', role: 'listbox', tabindex: '-1', 'aria-label': opts.name });
    this.list.hidden = true;
    this.element = el('div', { class: 'choice-menu' }, this.button, this.list);
    this.button.addEventListener('click', () => (this.list.hidden ? this.open() : this.close(true)));
    this.button.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        this.open();
      }
    });
    this.list.addEventListener('keydown', (e) => this.onKey(e));
    this.list.addEventListener('mousedown', (e) => e.preventDefault());
    this.list.addEventListener('click', (e) => {
      const i = Number((e.target as Element).closest('[role="option"]')?.getAttribute('data-index'));
      if (Number.isInteger(i)) this.choose(i);
    });
    this.list.addEventListener('focusout', (e) => {
      if (!this.element.contains(e.relatedTarget as Node | null)) this.close(false);
    });
  }

  get value(): T | undefined {
    return this.current;
  }

  setChoices(choices: Choice<T>[], value: T): void {
    this.choices = choices;
    this.set(value);
  }

  set(value: T): void {
    this.current = this.choices.some((c) => c.value === value) ? value : this.choices[0]?.value;
    const label = this.choices.find((c) => c.value === this.current)?.label ?? '';
    this.buttonLabel.textContent = label;
    this.button.title = `${this.opts.name}: ${label}`;
    this.button.setAttribute('aria-label', `${this.opts.name}: ${label}`);
  }

  private open(): void {
    this.active = Math.max(0, this.choices.findIndex((c) => c.value === this.current));
    this.list.replaceChildren(
      ...this.choices.map((c, i) =>
        el('div', { id: `${this.opts.id}-opt-${i}`, role: 'option', class: 'choice-option', 'data-index': String(i), 'aria-selected': String(c.value === this.current) }, c.label),
      ),
    );
    this.list.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.highlight();
    this.list.focus();
  }

  private close(returnFocus: boolean): void {
    if (this.list.hidden) return;
    this.list.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (returnFocus) this.button.focus();
  }

  private highlight(): void {
    const options = Array.from(this.list.children);
    options.forEach((o, i) => o.classList.toggle('is-active', i === this.active));
    this.list.setAttribute('aria-activedescendant', `${this.opts.id}-opt-${this.active}`);
  }

  private onKey(e: KeyboardEvent): void {
    const last = this.choices.length - 1;
    const moves: Record<string, number> = { ArrowDown: Math.min(last, this.active + 1), ArrowUp: Math.max(0, this.active - 1), Home: 0, End: last };
    if (e.key in moves) {
      e.preventDefault();
      this.active = moves[e.key];
      this.highlight();
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.choose(this.active);
    } else closeOnEscapeOrTab(e, (returnFocus) => this.close(returnFocus));
  }

  private choose(i: number): void {
    const c = this.choices[i];
    if (!c) return;
    this.set(c.value);
    this.close(true);
    this.opts.onChange(c.value);
  }
}
