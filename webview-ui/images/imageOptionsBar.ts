// The compact image form above the composer, shown while an image model is picked: negative
// prompt, size or aspect ratio, count, seed, and quality and style where the model has them. The
// composer's text is the prompt. Values stay within what the model offers.
import type { ImageModelTraits, ImageTurnOptions } from '../../src/shared/imageProtocol';
import type { ModelOption } from '../../src/shared/protocol';
import { el } from '../chat/dom';

const STYLE_LABEL = (s: string) => s.toLowerCase().replace(/_/g, ' ').replace(/^3d/, '3D');

function options(select: HTMLSelectElement, values: readonly string[], labels: (v: string) => string, first?: string): void {
  const keep = select.value;
  select.replaceChildren(...(first !== undefined ? [el('option', { value: '' }, first)] : []), ...values.map((v) => el('option', { value: v }, labels(v))));
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
}

export class ImageOptionsBar {
  readonly element: HTMLElement;
  private readonly negative: HTMLInputElement;
  private readonly size: HTMLSelectElement;
  private readonly count: HTMLSelectElement;
  private readonly seed: HTMLInputElement;
  private readonly quality: HTMLSelectElement;
  private readonly style: HTMLSelectElement;
  private readonly qualityField: HTMLElement;
  private readonly styleField: HTMLElement;
  private readonly sizeLabel: HTMLElement;
  private traits: ImageModelTraits | undefined;

  constructor() {
    this.negative = el('input', { id: 'image-negative', type: 'text', class: 'image-input image-negative', placeholder: 'Leave out (negative prompt)', 'aria-label': 'Negative prompt' });
    this.size = el('select', { id: 'image-size', class: 'image-select' });
    this.count = el('select', { id: 'image-count', class: 'image-select', 'aria-label': 'Number of images' });
    this.seed = el('input', { id: 'image-seed', type: 'number', min: '0', step: '1', class: 'image-input image-seed', placeholder: 'random', 'aria-label': 'Seed' });
    this.quality = el('select', { id: 'image-quality', class: 'image-select', 'aria-label': 'Quality' });
    this.style = el('select', { id: 'image-style', class: 'image-select', 'aria-label': 'Style' });
    this.sizeLabel = el('label', { for: 'image-size', class: 'field-label' }, 'Size');
    this.qualityField = el('span', { class: 'image-field' }, el('label', { for: 'image-quality', class: 'field-label' }, 'Quality'), this.quality);
    this.styleField = el('span', { class: 'image-field' }, el('label', { for: 'image-style', class: 'field-label' }, 'Style'), this.style);
    this.element = el(
      'section',
      { id: 'image-options', class: 'image-options', 'aria-label': 'Image options' },
      this.negative,
      el(
        'div',
        { class: 'image-option-row' },
        el('span', { class: 'image-field' }, this.sizeLabel, this.size),
        el('span', { class: 'image-field' }, el('label', { for: 'image-count', class: 'field-label' }, 'Images'), this.count),
        el('span', { class: 'image-field' }, el('label', { for: 'image-seed', class: 'field-label' }, 'Seed'), this.seed),
        this.qualityField,
        this.styleField,
      ),
    );
    this.element.hidden = true;
    this.seed.addEventListener('change', () => this.clampSeed());
  }

  /** Shows the form for an image model, hides it for any other. */
  setModel(model: ModelOption | undefined): void {
    const t = model?.image;
    this.traits = t;
    this.element.hidden = !t;
    if (!t) return;
    const ratios = !t.sizes && t.aspectRatios;
    this.sizeLabel.textContent = ratios ? 'Aspect' : 'Size';
    this.size.setAttribute('aria-label', ratios ? 'Aspect ratio' : 'Size');
    options(this.size, t.sizes ?? t.aspectRatios ?? [], (v) => v.replace('x', '×'));
    options(this.count, Array.from({ length: t.maxImages }, (_, i) => String(i + 1)), (v) => v);
    this.count.disabled = t.maxImages === 1;
    this.seed.max = String(t.maxSeed);
    this.clampSeed();
    this.qualityField.hidden = !t.qualities;
    options(this.quality, t.qualities ?? [], (v) => v);
    this.styleField.hidden = !t.styles;
    options(this.style, t.styles ?? [], STYLE_LABEL, 'none');
  }

  /** The options for the next turn; `seed` absent = a random one (the reply says which). */
  options(): ImageTurnOptions {
    const t = this.traits;
    const o: ImageTurnOptions = { task: 'textToImage' };
    if (!t) return o;
    if (this.negative.value.trim()) o.negativePrompt = this.negative.value;
    if (this.size.value) {
      if (t.sizes) o.size = this.size.value;
      else o.aspectRatio = this.size.value;
    }
    o.count = Number(this.count.value) || 1;
    this.clampSeed();
    if (this.seed.value !== '') o.seed = Number(this.seed.value);
    if (t.qualities && this.quality.value) o.quality = this.quality.value;
    if (t.styles && this.style.value) o.style = this.style.value;
    return o;
  }

  private clampSeed(): void {
    if (this.seed.value === '') return;
    const v = Math.round(Number(this.seed.value));
    this.seed.value = Number.isFinite(v) ? String(Math.min(Math.max(0, v), this.traits?.maxSeed ?? v)) : '';
  }
}
