// The composer's attachments: chips for what will go with the next message (each removable, each a
// keyboard stop), the Attach menu (files and images, the active editor, its selection), paste and
// drag-and-drop. Images are measured here and downscaled on a canvas when larger than Bedrock
// takes (8,000 px a side, 3.75 MB), keeping their aspect; the chip says so. The host checks and
// stores everything; a chip appears only once it has accepted the file.
import type { AttachDataMessage, AttachPickMessage, AttachUrisMessage } from '../../src/shared/protocol';
import type { WireAttachment } from '../../src/shared/attachments';
import { el } from './dom';

/** The longest side and the size an image may have when sent (Converse's limits). */
export const MAX_IMAGE_SIDE = 8000;
export const MAX_IMAGE_BYTES = 3_750_000;

type AttachPost = (m: AttachPickMessage | AttachDataMessage | AttachUrisMessage) => void;

export interface AttachmentTrayOptions {
  post: AttachPost;
  /** The chips changed (for saving state or re-checking the model). */
  onChange?(): void;
  /** Chips not yet sent when the view was last saved (the host re-checks each when it is sent). */
  initial?: readonly WireAttachment[];
}

const ICONS: Record<string, string> = { image: 'file-media', pdf: 'file-pdf', text: 'file-code', document: 'file' };

function iconOf(a: Pick<WireAttachment, 'kind' | 'format' | 'note'>): string {
  if (a.kind === 'text' && a.note?.startsWith('lines')) return 'list-selection';
  if (a.kind === 'document') return a.format === 'pdf' ? ICONS.pdf : ICONS.document;
  return ICONS[a.kind] ?? 'file';
}

/** A chip as the transcript shows it under a sent message (no remove button). */
export function attachmentChip(a: WireAttachment, onRemove?: () => void): HTMLElement {
  const title = [a.name, a.note].filter(Boolean).join(' — ');
  const chip = el(
    'span',
    { class: 'attachment-chip', title, 'data-kind': a.kind },
    el('span', { class: `codicon codicon-${iconOf(a)}`, 'aria-hidden': 'true' }),
    el('span', { class: 'attachment-chip-label' }, a.name.split('/').pop() ?? a.name),
    a.note ? el('span', { class: 'attachment-chip-note' }, a.note) : undefined,
  );
  if (onRemove) {
    const remove = el('button', { type: 'button', class: 'attachment-chip-remove', title: `Remove ${a.name}`, 'aria-label': `Remove attachment ${a.name}` }, el('span', { class: 'codicon codicon-close', 'aria-hidden': 'true' }));
    remove.addEventListener('click', onRemove);
    remove.addEventListener('keydown', (e) => {
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        onRemove();
      }
    });
    chip.append(remove);
  }
  return chip;
}

export function attachmentChips(list: readonly WireAttachment[]): HTMLElement {
  return el('div', { class: 'attachment-chips', role: 'list', 'aria-label': 'Attachments' }, ...list.map((a) => el('span', { role: 'listitem' }, attachmentChip(a))));
}

export class AttachmentTray {
  /** The chip row above the message box. */
  readonly chips: HTMLElement;
  /** The Attach button and its menu, for the composer's button row. */
  readonly button: HTMLElement;
  private readonly error: HTMLElement;
  private readonly menu: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private items: WireAttachment[] = [];

  constructor(private readonly opts: AttachmentTrayOptions) {
    this.chips = el('div', { class: 'attachment-tray', role: 'list', 'aria-label': 'Attachments for the next message' });
    this.chips.hidden = true;
    this.error = el('div', { class: 'attachment-error', role: 'alert' });
    this.error.hidden = true;
    this.toggle = el(
      'button',
      { type: 'button', id: 'attach', class: 'icon-button attach-toggle', title: 'Attach files, images, the editor or its selection', 'aria-label': 'Attach', 'aria-haspopup': 'menu', 'aria-expanded': 'false' },
      el('span', { class: 'codicon codicon-attach', 'aria-hidden': 'true' }),
    );
    const item = (what: AttachPickMessage['what'], icon: string, label: string) => {
      const b = el('button', { type: 'button', role: 'menuitem', class: 'attach-menu-item', 'data-attach': what }, el('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }), label);
      b.addEventListener('click', () => {
        this.closeMenu();
        this.opts.post({ method: 'attach/pick', what });
      });
      return b;
    };
    this.menu = el('div', { class: 'attach-menu', role: 'menu', 'aria-label': 'Attach' }, item('files', 'files', 'Files and Images…'), item('activeEditor', 'file-code', 'Active Editor'), item('selection', 'list-selection', 'Selection'));
    this.menu.hidden = true;
    this.menu.addEventListener('keydown', (e) => this.menuKey(e));
    this.toggle.addEventListener('click', () => (this.menu.hidden ? this.openMenu() : this.closeMenu()));
    this.button = el('div', { class: 'attach-control' }, this.toggle, this.menu);
    this.items = [...(opts.initial ?? [])];
    this.renderChips();
  }

  /** The error line, for the composer to place. */
  get errorElement(): HTMLElement {
    return this.error;
  }

  get attachments(): readonly WireAttachment[] {
    return this.items;
  }

  add(a: WireAttachment): void {
    this.items.push(a);
    this.hideError();
    this.render();
  }

  remove(id: string): void {
    const at = this.items.findIndex((a) => a.id === id);
    if (at < 0) return;
    this.items.splice(at, 1);
    this.render();
    // Keep the keyboard in the tray: the next chip's remove button, else the message box.
    const buttons = this.chips.querySelectorAll<HTMLButtonElement>('.attachment-chip-remove');
    (buttons[Math.min(at, buttons.length - 1)] ?? document.getElementById('prompt'))?.focus();
  }

  /** The chips for a message being sent; the tray empties. */
  take(): WireAttachment[] {
    const out = this.items;
    this.items = [];
    this.render();
    return out;
  }

  showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  hideError(): void {
    this.error.hidden = true;
  }

  /** Paste into the message box: images and files become attachments, text pastes as usual. */
  onPaste(e: ClipboardEvent): void {
    const files = [...(e.clipboardData?.items ?? [])].filter((i) => i.kind === 'file').map((i) => i.getAsFile()).filter((f): f is File => !!f);
    if (!files.length) return;
    e.preventDefault();
    for (const f of files) void this.attachFile(f);
  }

  /** A drop on the composer: files from the desktop by content, files from VS Code's explorer by URI. */
  onDrop(e: DragEvent): void {
    const dt = e.dataTransfer;
    if (!dt) return;
    e.preventDefault();
    const uris = (dt.getData('application/vnd.code.uri-list') || dt.getData('text/uri-list'))
      .split(/\r?\n/)
      .map((u) => u.trim())
      .filter((u) => u && !u.startsWith('#'));
    if (uris.length) {
      this.opts.post({ method: 'attach/uris', uris });
      return;
    }
    for (const f of dt.files) void this.attachFile(f);
  }

  /** An image the host read from the workspace: measured and downscaled here like a pasted one. */
  async prepareImage(name: string, mime: string, dataBase64: string): Promise<void> {
    const bytes = Uint8Array.from(atob(dataBase64), (c) => c.charCodeAt(0));
    await this.attachFile(new File([bytes], name, { type: mime }));
  }

  private async attachFile(file: File): Promise<void> {
    try {
      const name = file.name || `pasted-image.${(file.type.split('/')[1] ?? 'png').replace('jpeg', 'jpg')}`;
      if (file.type.startsWith('image/')) {
        const fitted = await fitImage(file);
        this.opts.post({ method: 'attach/data', name: fitted.renamed ? name.replace(/\.[^.]*$/, '') + '.jpg' : name, mime: fitted.blob.type, dataBase64: await toBase64(fitted.blob), ...(fitted.note ? { note: fitted.note } : {}) });
      } else {
        this.opts.post({ method: 'attach/data', name, mime: file.type || 'application/octet-stream', dataBase64: await toBase64(file) });
      }
    } catch (e) {
      this.showError(`${file.name || 'The pasted image'} could not be attached: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private render(): void {
    this.renderChips();
    this.opts.onChange?.();
  }

  private renderChips(): void {
    this.chips.replaceChildren(...this.items.map((a) => el('span', { role: 'listitem' }, attachmentChip(a, () => this.remove(a.id)))));
    this.chips.hidden = this.items.length === 0;
  }

  private openMenu(): void {
    this.menu.hidden = false;
    this.toggle.setAttribute('aria-expanded', 'true');
    this.menu.querySelector<HTMLButtonElement>('button')?.focus();
  }

  private closeMenu(): void {
    this.menu.hidden = true;
    this.toggle.setAttribute('aria-expanded', 'false');
  }

  private menuKey(e: KeyboardEvent): void {
    const items = [...this.menu.querySelectorAll<HTMLButtonElement>('button')];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.closeMenu();
      this.toggle.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    }
  }
}

interface Fitted {
  blob: Blob;
  note?: string;
  /** Re-encoded as JPEG (the file name's extension changes with it). */
  renamed?: boolean;
}

/**
 * The image as it will be sent: unchanged when it fits, else drawn smaller on a canvas (aspect kept)
 * until it is within 8,000 px a side and 3.75 MB. PNGs stay PNG when that is enough; otherwise JPEG.
 */
export async function fitImage(file: Blob): Promise<Fitted> {
  const bitmap = await createImageBitmap(file);
  const { width, height } = bitmap;
  try {
    if (Math.max(width, height) <= MAX_IMAGE_SIDE && file.size <= MAX_IMAGE_BYTES) return { blob: file };
    let scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(width, height));
    for (let attempt = 0; attempt < 12; attempt++) {
      const w = Math.max(1, Math.floor(width * scale));
      const h = Math.max(1, Math.floor(height * scale));
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no canvas to resize it on');
      ctx.drawImage(bitmap, 0, 0, w, h);
      const keepPng = file.type === 'image/png' && attempt === 0;
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, keepPng ? 'image/png' : 'image/jpeg', 0.9));
      if (blob && blob.size <= MAX_IMAGE_BYTES) {
        return { blob, note: `downscaled from ${width.toLocaleString('en-US')} × ${height.toLocaleString('en-US')} to ${w.toLocaleString('en-US')} × ${h.toLocaleString('en-US')} px`, renamed: blob.type === 'image/jpeg' && file.type !== 'image/jpeg' };
      }
      // PNG first at full allowed size; then JPEG, smaller each round.
      if (!keepPng) scale *= 0.8;
    }
    throw new Error('it is still larger than 3.75 MB after downscaling');
  } finally {
    bitmap.close();
  }
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
