// The model picker: a header button naming the model, opening a searchable list (the ARIA
// combobox-with-listbox pattern: focus stays in the search box, the active option is announced
// through aria-activedescendant). Favourites and recently used models come first; each row is one
// line: the name, its provider and API badges dimmed, whether it needs an inference profile or is legacy. Keyboard: arrows,
// Home/End, PageUp/PageDown, Enter chooses, Alt+Enter stars, Escape closes; typing on the button
// opens the list with that text as the search.
import type { ModelOption } from '../../src/shared/protocol';
import { closeOnEscapeOrTab, el } from './dom';
import { icon } from './icons';
import { modelSections } from './modelList';

export interface ModelPickerOptions {
  initialId?: string;
  /** The user chose a model. */
  onPick(id: string): void;
  /** The user starred or unstarred a model. */
  onFavourite(id: string, favourite: boolean): void;
}

interface Row {
  model: ModelOption;
  element: HTMLElement;
}

export class ModelPicker {
  readonly trigger: HTMLButtonElement;
  readonly popup: HTMLElement;
  private readonly triggerLabel: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private models: ModelOption[] = [];
  private favourites: string[] = [];
  private recent: string[] = [];
  private selected: string | undefined;
  private rows: Row[] = [];
  private active = -1;

  constructor(private readonly opts: ModelPickerOptions) {
    this.selected = opts.initialId;
    this.triggerLabel = el('span', { class: 'model-trigger-label' }, 'Loading models…');
    this.trigger = el(
      'button',
      { type: 'button', id: 'model-picker', class: 'model-trigger', 'aria-haspopup': 'listbox', 'aria-expanded': 'false', 'aria-controls': 'model-popup' },
      this.triggerLabel,
      icon('chevron-down', 'model-trigger-chevron'),
    );
    this.search = el('input', {
      id: 'model-search',
      class: 'model-search',
      type: 'text',
      role: 'combobox',
      'aria-expanded': 'true',
      'aria-controls': 'model-list',
      'aria-autocomplete': 'list',
      'aria-label': 'Search models by name, provider or id',
      placeholder: 'Search models',
      spellcheck: 'false',
      autocomplete: 'off',
    });
    this.list = el('div', { id: 'model-list', class: 'model-list', role: 'listbox', 'aria-label': 'Models' });
    this.popup = el(
      'div',
      { id: 'model-popup', class: 'model-popup' },
      this.search,
      this.list,
      el('div', { class: 'model-popup-hint', 'aria-hidden': 'true' }, 'Enter choose · Alt+Enter star · Esc close'),
    );
    this.popup.hidden = true;

    this.trigger.addEventListener('click', () => (this.popup.hidden ? this.open('') : this.close(true)));
    this.trigger.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        this.open('');
      } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== ' ') {
        // Type-ahead: the first character starts the search.
        e.preventDefault();
        this.open(e.key);
      }
    });
    this.search.addEventListener('input', () => this.render(this.search.value ? 0 : -1));
    this.search.addEventListener('keydown', (e) => this.onSearchKey(e));
    this.list.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the search box
    this.list.addEventListener('click', (e) => {
      const target = e.target as Element;
      const row = target.closest('[role="option"]');
      const i = row ? this.rows.findIndex((r) => r.element === row) : -1;
      if (i < 0) return;
      if (target.closest('.model-star')) this.toggleFavourite(i);
      else this.choose(i);
    });
    this.list.addEventListener('mousemove', (e) => {
      const row = (e.target as Element).closest('[role="option"]');
      const i = row ? this.rows.findIndex((r) => r.element === row) : -1;
      if (i >= 0 && i !== this.active) this.setActive(i, false);
    });
    document.addEventListener('mousedown', (e) => {
      if (!this.popup.hidden && !this.popup.contains(e.target as Node) && !this.trigger.contains(e.target as Node)) this.close(false);
    });
  }

  get selectedId(): string | undefined {
    return this.selected;
  }

  /** The selected model's entry, when the list has it. */
  get model(): ModelOption | undefined {
    return this.models.find((m) => m.id === this.selected);
  }

  get isOpen(): boolean {
    return !this.popup.hidden;
  }

  has(id: string): boolean {
    return this.models.some((m) => m.id === id);
  }

  /** The list's entry for `id`, selected or not. */
  option(id: string): ModelOption | undefined {
    return this.models.find((m) => m.id === id);
  }

  /** A new list: keeps the current choice if the list has it, else the host's, else the first. */
  setModels(models: ModelOption[], hostSelected: string | undefined, favourites: string[] = this.favourites, recent: string[] = this.recent): void {
    this.models = models;
    this.favourites = favourites;
    this.recent = recent;
    const wanted = [this.selected, hostSelected, models[0]?.id].find((id) => id && this.has(id));
    this.selected = wanted ?? this.selected;
    this.renderTrigger();
    if (this.isOpen) this.render(Math.max(0, this.active));
  }

  /** Shows `id` as the choice (it may not be in the list yet: a stored conversation's model). */
  show(id: string): void {
    this.selected = id;
    this.renderTrigger();
  }

  open(query: string): void {
    this.popup.hidden = false;
    this.trigger.setAttribute('aria-expanded', 'true');
    this.search.value = query;
    this.render(-1);
    this.search.focus();
  }

  close(returnFocus: boolean): void {
    if (this.popup.hidden) return;
    this.popup.hidden = true;
    this.trigger.setAttribute('aria-expanded', 'false');
    this.search.removeAttribute('aria-activedescendant');
    if (returnFocus) this.trigger.focus();
  }

  private renderTrigger(): void {
    const m = this.model;
    const label = m?.label ?? this.selected ?? (this.models.length ? 'Choose a model' : 'No chat models (check region and credentials)');
    this.triggerLabel.textContent = label;
    this.trigger.title = m ? `${m.label} — ${m.id}\nChoose the model` : 'Choose the model';
    this.trigger.setAttribute('aria-label', `Model: ${label}`);
    if (this.selected) this.trigger.setAttribute('data-model-id', this.selected);
  }

  /** Renders the filtered list; `activeIndex` -1 = the selected model (or the first). */
  private render(activeIndex: number): void {
    const sections = modelSections(this.models, { query: this.search.value, favourites: this.favourites, recent: this.recent });
    this.rows = [];
    const children: HTMLElement[] = [];
    sections.forEach((s, si) => {
      const headingId = `model-group-${si}`;
      const group = el('div', { role: 'group', class: 'model-group', 'aria-labelledby': headingId }, el('div', { id: headingId, class: 'model-group-title', role: 'presentation' }, s.title));
      for (const m of s.models) {
        const row = this.renderRow(m, this.rows.length, s.title);
        this.rows.push({ model: m, element: row });
        group.append(row);
      }
      children.push(group);
    });
    if (!this.rows.length) children.push(el('div', { class: 'model-empty' }, this.models.length ? 'No model matches.' : 'No chat models (check region and credentials).'));
    this.list.replaceChildren(...children);
    const selectedIndex = this.rows.findIndex((r) => r.model.id === this.selected);
    this.setActive(activeIndex >= 0 ? Math.min(activeIndex, this.rows.length - 1) : Math.max(0, selectedIndex), true);
  }

  /**
   * One line per model, as VS Code's own chat model picker: the star, the name, then dimmed what
   * else the list knows (the provider where the section does not already say it, the API badges,
   * reasoning), the "needs profile" and "legacy" marks as small badges, and a check on the choice.
   * The id is in the tooltip; whatever does not fit ends in an ellipsis.
   */
  private renderRow(m: ModelOption, index: number, section: string): HTMLElement {
    const favourite = this.favourites.includes(m.id);
    const marks: HTMLElement[] = [];
    if (m.needsProfile) marks.push(el('span', { class: 'model-mark model-mark-profile' }, 'needs profile'));
    if (m.legacy) marks.push(el('span', { class: 'model-mark model-mark-legacy' }, 'legacy'));
    const badges = (m.badges ?? []).filter((b) => b !== 'Legacy');
    const details = [m.provider !== section ? m.provider : undefined, ...badges, m.reasoning ? 'reasoning' : undefined].filter(Boolean).join(' · ');
    const tooltip = [m.id, [m.provider, ...badges].filter(Boolean).join(' · '), m.needsProfile ? 'Needs an inference profile' : '', m.legacy ? 'Marked legacy by its provider' : ''];
    return el(
      'div',
      {
        id: `model-opt-${index}`,
        role: 'option',
        class: 'model-option',
        'aria-selected': String(m.id === this.selected),
        'data-model-id': m.id,
        title: tooltip.filter(Boolean).join('\n'),
        'aria-label': `${m.label}${m.provider ? `, ${m.provider}` : ''}${favourite ? ', favourite' : ''}${m.needsProfile ? ', needs profile' : ''}${m.legacy ? ', legacy' : ''}`,
      },
      el('span', { class: `model-star${favourite ? ' is-favourite' : ''}`, title: favourite ? 'Remove from favourites (Alt+Enter)' : 'Add to favourites (Alt+Enter)', 'aria-hidden': 'true' }, icon(favourite ? 'star-full' : 'star-empty')),
      el('span', { class: 'model-name' }, m.label),
      el('span', { class: 'model-details' }, details),
      ...marks,
      m.id === this.selected ? icon('check', 'model-check') : undefined,
    );
  }

  private setActive(i: number, scroll: boolean): void {
    this.rows[this.active]?.element.classList.remove('is-active');
    this.active = this.rows.length ? Math.max(0, Math.min(i, this.rows.length - 1)) : -1;
    const row = this.rows[this.active];
    if (!row) {
      this.search.removeAttribute('aria-activedescendant');
      return;
    }
    row.element.classList.add('is-active');
    this.search.setAttribute('aria-activedescendant', row.element.id);
    if (scroll && typeof row.element.scrollIntoView === 'function') row.element.scrollIntoView({ block: 'nearest' });
  }

  private onSearchKey(e: KeyboardEvent): void {
    const page = 8;
    const moves: Record<string, () => number> = {
      ArrowDown: () => this.active + 1,
      ArrowUp: () => this.active - 1,
      PageDown: () => this.active + page,
      PageUp: () => this.active - page,
      Home: () => 0,
      End: () => this.rows.length - 1,
    };
    if (moves[e.key]) {
      e.preventDefault();
      this.setActive(moves[e.key](), true);
    } else if (e.key === 'Enter' && e.altKey) {
      e.preventDefault();
      if (this.active >= 0) this.toggleFavourite(this.active);
    } else if (e.key === 'Enter' && !e.isComposing) {
      e.preventDefault();
      if (this.active >= 0) this.choose(this.active);
    } else closeOnEscapeOrTab(e, (returnFocus) => this.close(returnFocus));
  }

  private choose(i: number): void {
    const m = this.rows[i]?.model;
    if (!m) return;
    this.close(true);
    this.opts.onPick(m.id);
  }

  private toggleFavourite(i: number): void {
    const id = this.rows[i]?.model.id;
    if (!id) return;
    const favourite = !this.favourites.includes(id);
    // Shown at once; the host stores it and sends the list back to every open chat.
    this.favourites = favourite ? [...this.favourites, id] : this.favourites.filter((f) => f !== id);
    this.opts.onFavourite(id, favourite);
    const keep = this.rows[i].model.id;
    this.render(0);
    const again = this.rows.findIndex((r) => r.model.id === keep);
    this.setActive(again, true);
  }
}
