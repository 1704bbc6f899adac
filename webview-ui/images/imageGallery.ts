// An image turn's pictures: a grid of the images with Save, Copy, Regenerate (same seed) and
// Variations under each (the content filter's notice is in the reply text above it, so a stored
// turn keeps it too). Only `data:` image URIs are rendered
// (the CSP allows nothing else); an image stored in an earlier session shows a placeholder until
// the host sends its pixels.
import { isImageDataUri, type StoredImage, type WireImage } from '../../src/shared/imageProtocol';
import { el } from '../chat/dom';

export type GalleryAction = 'save' | 'copy' | 'regenerate' | 'variations';

export interface GalleryHandlers {
  action(action: GalleryAction, image: StoredImage, gallery: ImageGallery): void;
}

export class ImageGallery {
  readonly element: HTMLElement;
  private readonly figures = new Map<string, { figure: HTMLElement; img: HTMLImageElement; image: StoredImage }>();

  constructor(images: ReadonlyArray<StoredImage | WireImage>, handlers: GalleryHandlers) {
    const grid = el('div', { class: 'image-grid', role: 'list' });
    images.forEach((image, i) => {
      const img = el('img', { class: 'gallery-image', alt: `Generated image ${i + 1}${image.seed !== undefined ? `, seed ${image.seed}` : ''}` });
      const button = (action: GalleryAction, label: string, title: string) => {
        const b = el('button', { type: 'button', class: `turn-button gallery-button image-${action}`, title, 'aria-label': `${title} (image ${i + 1})` }, label);
        b.addEventListener('click', () => handlers.action(action, image, this));
        return b;
      };
      const figure = el(
        'figure',
        { class: 'gallery-item is-loading', role: 'listitem', 'data-image-id': image.id },
        img,
        el(
          'figcaption',
          { class: 'gallery-caption' },
          image.seed !== undefined ? el('span', { class: 'gallery-seed' }, `seed ${image.seed}`) : undefined,
          el(
            'span',
            { class: 'gallery-actions' },
            button('save', 'Save', 'Save to the workspace'),
            button('copy', 'Copy', 'Copy the image'),
            image.seed !== undefined ? button('regenerate', 'Regenerate', 'Generate again with the same seed') : undefined,
            button('variations', 'Variations', 'Generate variations of this image'),
          ),
        ),
      );
      grid.append(figure);
      this.figures.set(image.id, { figure, img, image });
      if ('src' in image) this.setSource(image.id, image.src);
    });
    this.element = el('div', { class: 'image-gallery' }, images.length ? grid : undefined);
  }

  get imageIds(): string[] {
    return [...this.figures.keys()];
  }

  /** The pixels for `imageId` (validated here: only a base64 PNG, JPEG or WebP data URI is shown). */
  setSource(imageId: string, src: string | undefined, problem?: string): void {
    const f = this.figures.get(imageId);
    if (!f) return;
    f.figure.classList.remove('is-loading');
    if (isImageDataUri(src)) {
      f.img.src = src;
      return;
    }
    f.figure.classList.add('is-missing');
    f.img.remove();
    f.figure.prepend(el('div', { class: 'gallery-missing' }, problem ?? 'This image could not be shown.'));
  }

  /** The image's pixels as a PNG blob for the clipboard, when it is shown. */
  blob(imageId: string): Blob | undefined {
    const src = this.figures.get(imageId)?.img.src;
    if (!isImageDataUri(src)) return undefined;
    // Decoded here: the CSP's connect-src 'none' blocks fetch(), data: URLs included.
    const comma = src.indexOf(',');
    const bytes = Uint8Array.from(atob(src.slice(comma + 1)), (c) => c.charCodeAt(0));
    return new Blob([bytes], { type: src.slice(5, src.indexOf(';')) });
  }
}
