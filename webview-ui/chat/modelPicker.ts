// The model picker in the header: which model the next turn goes to, with its capability badges.
// The selection is the webview's; the host hears of a change the user made (`onPick`), not of one
// the host itself asked for (a model list, a loaded conversation).
import type { ModelOption } from '../../src/shared/protocol';
import { el } from './dom';

export interface ModelPickerOptions {
  initialId?: string;
  /** The user chose a model. */
  onPick(id: string): void;
}

export class ModelPicker {
  readonly select: HTMLSelectElement;
  readonly badges: HTMLElement;
  private models: ModelOption[] = [];
  private selected: string | undefined;

  constructor(private readonly opts: ModelPickerOptions) {
    this.selected = opts.initialId;
    this.select = el('select', { id: 'model-select', class: 'model-select', 'aria-label': 'Model' });
    this.badges = el('span', { class: 'model-badges', 'aria-label': 'Model capabilities' });
    this.select.addEventListener('change', () => this.opts.onPick(this.select.value));
  }

  get selectedId(): string | undefined {
    return this.selected;
  }

  /** The selected model's entry, when the list has it. */
  get model(): ModelOption | undefined {
    return this.models.find((m) => m.id === this.selected);
  }

  has(id: string): boolean {
    return this.models.some((m) => m.id === id);
  }

  /** A new list: keeps the current choice if the list has it, else the host's, else the first. */
  setModels(models: ModelOption[], hostSelected: string | undefined): void {
    this.models = models;
    const groups = new Map<string, ModelOption[]>();
    for (const m of models) {
      const g = m.provider ?? 'Other';
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g)!.push(m);
    }
    const options: HTMLElement[] = [];
    for (const [provider, list] of groups) {
      const group = el('optgroup', { label: provider });
      for (const m of list) group.append(el('option', { value: m.id, title: m.id }, m.badges?.length ? `${m.label} — ${m.badges.join(' · ')}` : m.label));
      options.push(group);
    }
    if (!models.length) options.push(el('option', { value: '', disabled: true }, 'No chat models (check region and credentials)'));
    this.select.replaceChildren(...options);
    const wanted = [this.selected, hostSelected, models[0]?.id].find((id) => id && this.has(id));
    if (wanted) this.select.value = wanted;
    this.selected = wanted ?? this.selected;
    this.renderBadges();
  }

  /** Shows `id` as the choice (it may not be in the list yet: a stored conversation's model). */
  show(id: string): void {
    this.selected = id;
    if (this.has(id)) this.select.value = id;
    this.renderBadges();
  }

  private renderBadges(): void {
    this.badges.textContent = this.model?.badges?.join(' · ') ?? '';
  }
}
