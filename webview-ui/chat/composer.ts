// The composer at the bottom: the message box, Send / Stop, and the banner shown while an
// earlier message is being edited. Enter sends, Shift+Enter adds a line, Escape cancels an edit
// or (with nothing to cancel or stop) hands the keyboard back to the editor.
import { el } from './dom';
import { iconButton } from './icons';

export interface ComposerOptions {
  initialDraft: string;
  /** Controls for the toolbar under the message box, left of Send (reasoning, indicators). */
  controls: HTMLElement;
  /** A reply is streaming (Escape then stops it; the app handles that at the root). */
  isBusy(): boolean;
  isEditing(): boolean;
  onSend(): void;
  onStop(): void;
  onCancelEdit(): void;
  /** Escape with nothing to cancel: back to the editor. */
  onLeave(): void;
  /** The draft changed. */
  onDraftChanged(): void;
  /** Shown above the message box (attachment chips, their error line). */
  above?: HTMLElement[];
  /** At the start of the button row (the Attach button). */
  tools?: HTMLElement;
}

export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly editBanner: HTMLElement;

  constructor(opts: ComposerOptions) {
    this.input = el('textarea', { id: 'prompt', class: 'prompt-input', rows: '3', placeholder: 'Message the model…', 'aria-label': 'Message' });
    this.input.value = opts.initialDraft;
    this.sendButton = iconButton('send', 'Send (Enter)', { id: 'send', class: 'icon-button send-button' });
    this.stopButton = iconButton('debug-stop', 'Stop (Escape)', { id: 'stop', class: 'icon-button stop-button' });
    this.stopButton.hidden = true;
    this.editBanner = el('div', { class: 'edit-banner' });
    this.editBanner.hidden = true;
    this.element = el(
      'footer',
      { class: 'composer' },
      this.editBanner,
      ...(opts.above ?? []),
      el('div', { class: 'composer-box' }, this.input, el('div', { class: 'composer-toolbar' }, opts.tools, opts.controls, el('div', { class: 'composer-buttons' }, this.stopButton, this.sendButton))),
    );

    this.sendButton.addEventListener('click', () => opts.onSend());
    this.stopButton.addEventListener('click', () => opts.onStop());
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        opts.onSend();
      } else if (e.key === 'Escape' && opts.isEditing()) {
        opts.onCancelEdit();
      } else if (e.key === 'Escape' && !opts.isBusy()) {
        // Nothing to cancel or stop: Escape hands the keyboard back to the editor, as in Copilot Chat.
        opts.onLeave();
      }
    });
    this.input.addEventListener('input', () => opts.onDraftChanged());
  }

  get text(): string {
    return this.input.value;
  }

  set text(value: string) {
    this.input.value = value;
  }

  focus(): void {
    this.input.focus();
  }

  setBusy(busy: boolean): void {
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
  }

  /** Shows (or, with undefined, hides) the editing banner. */
  setEditBanner(text: string | undefined): void {
    this.editBanner.hidden = text === undefined;
    if (text !== undefined) this.editBanner.textContent = text;
  }
}
