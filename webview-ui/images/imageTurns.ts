// The chat's image turns on the webview side: the options form, a gallery per image reply (live or
// restored), the pixels the host sends for stored images, and the gallery's buttons. chatApp calls
// in at a few points and sends the turns this asks for.
import { isImageDataUri, type ChatImagesMessage, type ImageDataMessage, type ImageTurnOptions, type StoredImage } from '../../src/shared/imageProtocol';
import type { ModelOption, PersistedTurn } from '../../src/shared/protocol';
import type { HostApi } from '../chat/vscodeApi';
import { ImageGallery, type GalleryAction } from './imageGallery';
import { ImageOptionsBar } from './imageOptionsBar';

export interface ImageTurnsOptions {
  host: HostApi;
  /** Sends a new image turn with the current model, or `modelId` (Regenerate with the same seed, Variations). */
  send(text: string, image: ImageTurnOptions, modelId?: string): void;
  /** The model picked now. */
  model(): ModelOption | undefined;
  /** Says something in the chat's status line (screen readers hear it). */
  announce(text: string): void;
}

/** What a gallery's turn was asked with, so its buttons can ask again. */
export interface Origin {
  text: string;
  options: ImageTurnOptions;
  /** The model of a turn that did not use the picked one (an edit-only model): Regenerate asks it again. */
  modelId?: string;
}

export class ImageTurns {
  readonly bar = new ImageOptionsBar();
  private readonly galleries = new Map<string, ImageGallery>();

  constructor(private readonly o: ImageTurnsOptions) {}

  /** The picked model changed: the form follows it. */
  setModel(model: ModelOption | undefined): void {
    this.bar.setModel(model);
  }

  /** The image options for a turn with the picked model, or undefined when it is not an image model. */
  optionsFor(override?: ImageTurnOptions): ImageTurnOptions | undefined {
    if (!this.o.model()?.image) return undefined;
    return override ? { ...this.bar.options(), ...override } : this.bar.options();
  }

  /** A live reply's images: a gallery to attach to the turn. */
  live(m: ChatImagesMessage, origin: Origin): HTMLElement {
    // Host data, but still only data: image URIs get through.
    const images = (Array.isArray(m.images) ? m.images : []).filter((i) => i && typeof i.id === 'string' && isImageDataUri(i.src));
    if (typeof m.notice === 'string') this.o.announce(m.notice);
    return this.gallery(images, origin).element;
  }

  /** A stored reply's images: placeholders now, pixels when the host sends them. */
  restored(turn: PersistedTurn, origin: Origin): HTMLElement | undefined {
    if (!turn.images?.length) return undefined;
    const g = this.gallery(turn.images, origin);
    for (const id of g.imageIds) this.o.host.postMessage({ method: 'image/action', action: 'load', imageId: id });
    return g.element;
  }

  onData(m: ImageDataMessage): void {
    this.galleries.get(m.imageId)?.setSource(m.imageId, m.src, typeof m.problem === 'string' ? m.problem : undefined);
  }

  /** Galleries are dropped with their turns (new chat, another conversation). */
  clear(): void {
    this.galleries.clear();
  }

  private gallery(images: readonly StoredImage[], origin: Origin): ImageGallery {
    const g = new ImageGallery(images, { action: (a, image, gallery) => void this.act(a, image, gallery, origin) });
    for (const id of g.imageIds) this.galleries.set(id, g);
    return g;
  }

  private async act(action: GalleryAction, image: StoredImage, gallery: ImageGallery, origin: Origin): Promise<void> {
    switch (action) {
      case 'save':
        this.o.host.postMessage({ method: 'image/action', action: 'save', imageId: image.id });
        return;
      case 'copy': {
        const blob = gallery.blob(image.id);
        try {
          if (!blob || typeof ClipboardItem === 'undefined') throw new Error('no clipboard');
          await navigator.clipboard.write([new ClipboardItem({ [blob.type]: blob })]);
          this.o.announce('Image copied.');
        } catch {
          this.o.host.postMessage({ method: 'image/action', action: 'copy', imageId: image.id });
        }
        return;
      }
      case 'regenerate':
        this.o.send(origin.text, { ...origin.options, seed: image.seed }, origin.modelId);
        return;
      case 'variations': {
        const traits = this.o.model()?.image;
        if (!traits?.tasks.includes('variation')) {
          this.o.announce('The model picked now cannot make variations: pick Nova Canvas, Titan Image Generator v2 or Stable Diffusion 3.5 Large.');
          return;
        }
        this.o.send('Variations of this image', { task: 'variation', sourceImageId: image.id, captionOnly: true, count: this.bar.options().count });
        return;
      }
    }
  }
}
