// Builds the composer and what works on it: the attachment tray above it (with paste and drop),
// editing an earlier message in it, and the typing notice that warms the connection. Split out of
// chatApp.ts so its constructor keeps only the conversation's own wiring.
import type { WireAttachment } from '../../src/shared/attachments';
import { AttachmentTray } from './attachmentTray';
import { Composer } from './composer';
import type { ComposerControls } from './composerControls';
import { MessageEditing } from './messageEditing';
import type { SentTurns } from './sentTurns';
import type { TranscriptView } from './transcriptView';
import { TypingNotice } from './typingNotice';
import type { HostApi } from './vscodeApi';

export interface ComposerParts {
  tray: AttachmentTray;
  composer: Composer;
  editing: MessageEditing;
}

export interface ComposerPartsOptions {
  host: HostApi;
  /** The draft and the attachments as this view left them. */
  initialDraft: string;
  initialAttachments: readonly WireAttachment[] | undefined;
  controls: ComposerControls;
  transcript: TranscriptView;
  sent: SentTurns;
  /** A reply is streaming. */
  isBusy(): boolean;
  send(): void;
  stop(): void;
  saveState(): void;
}

export function createComposerParts(o: ComposerPartsOptions): ComposerParts {
  const host = o.host;
  const typing = new TypingNotice(host);
  const tray = new AttachmentTray({ post: (m) => host.postMessage(m), initial: o.initialAttachments, onChange: () => o.saveState() });
  const composer: Composer = new Composer({
    above: [tray.chips, tray.errorElement],
    tools: tray.button,
    initialDraft: o.initialDraft,
    controls: o.controls.element,
    isBusy: () => o.isBusy(),
    isEditing: () => editing.index !== undefined,
    onSend: () => o.send(),
    onStop: () => o.stop(),
    onCancelEdit: () => editing.cancel(),
    onLeave: () => host.postMessage({ method: 'editor/focus' }),
    onDraftChanged: () => {
      o.saveState();
      typing.notice();
    },
  });
  const editing: MessageEditing = new MessageEditing({ composer, transcript: o.transcript, tray, sent: o.sent, isBusy: () => o.isBusy(), saveState: () => o.saveState() });
  composer.input.addEventListener('paste', (e) => tray.onPaste(e));
  composer.element.addEventListener('dragover', (e) => e.preventDefault());
  composer.element.addEventListener('drop', (e) => tray.onDrop(e));
  return { tray, composer, editing };
}
