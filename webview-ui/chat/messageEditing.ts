// Edit-and-resend: which user message is being edited, putting it in the composer with its
// attachments, marking it in the transcript, and cancelling. Split out of chatApp.ts, which sends
// the edited message (replacing it and everything after it).
import type { AttachmentTray } from './attachmentTray';
import type { Composer } from './composer';
import type { SentTurns } from './sentTurns';
import type { TranscriptView } from './transcriptView';
import { UserTurnView } from './turnViews';

export interface MessageEditingOptions {
  composer: Composer;
  transcript: TranscriptView;
  tray: AttachmentTray;
  sent: SentTurns;
  isBusy(): boolean;
  saveState(): void;
}

export class MessageEditing {
  /** Index of the user turn being edited, if any. */
  private editing: number | undefined;

  constructor(private readonly o: MessageEditingOptions) {}

  get index(): number | undefined {
    return this.editing;
  }

  /** Puts the user message `index` in the composer: sending it replaces it and everything after it (a fork). */
  start(index: number): void {
    const { composer, transcript, tray } = this.o;
    const turn = transcript.turns[index];
    if (!(turn instanceof UserTurnView) || this.o.isBusy()) return;
    this.set(index);
    composer.text = turn.text;
    composer.setEditBanner(
      index === transcript.lastUserIndex()
        ? 'Editing your last message: Enter resends it, Escape cancels.'
        : 'Editing an earlier message: Enter resends it and replaces the messages after it; Escape cancels.',
    );
    // The edited message keeps its attachments unless the user removes their chips.
    tray.take();
    for (const a of this.o.sent.attachmentsOf(turn)) tray.add(a);
    composer.focus();
  }

  /** The user message being edited (marked in the transcript), or none. */
  set(index: number | undefined): void {
    this.editing = index;
    if (index === undefined) this.o.composer.setEditBanner(undefined);
    this.o.transcript.turns.forEach((t, i) => t instanceof UserTurnView && t.setEditing(i === index));
  }

  cancel(): void {
    this.o.tray.take();
    this.set(undefined);
    this.o.composer.text = '';
    this.o.saveState();
  }
}
