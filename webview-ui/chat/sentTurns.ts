// Turns as the transcript shows them: user turns with the chips of what they attached (and a record
// of those attachments so Retry, Regenerate and Edit send them again), and a stored conversation's
// turns rebuilt for the transcript. Split out of chatApp.ts.
import type { WireAttachment } from '../../src/shared/attachments';
import type { ChatContext, PersistedConversation, PersistedTurn } from '../../src/shared/protocol';
import type { ImageTurns } from '../images/imageTurns';
import type { VoiceTurns } from '../voice/voiceTurns';
import { restoredVoice } from '../voice/voiceRetry';
import { attachmentChips } from './attachmentTray';
import type { TurnView } from './transcriptView';
import { AssistantTurnView, UserTurnView, type MarkdownFactory } from './turnViews';

export class SentTurns {
  private readonly attachments = new WeakMap<UserTurnView, WireAttachment[]>();

  /** A user turn for the transcript, with the chips of what it attached. */
  userTurn(text: string, attachments: WireAttachment[], context?: ChatContext): UserTurnView {
    const view = new UserTurnView(text, context);
    if (attachments.length) {
      this.attachments.set(view, attachments);
      view.element.querySelector('.user-text')?.after(attachmentChips(attachments));
    }
    return view;
  }

  /** What `view` attached when it was sent (none for a turn this did not make). */
  attachmentsOf(view: UserTurnView): WireAttachment[] {
    return this.attachments.get(view) ?? [];
  }

  /** Rebuilds a stored conversation's turns, in order, handing each to `add`. */
  restore(turns: PersistedConversation['turns'], makeMarkdown: MarkdownFactory, images: ImageTurns, voice: VoiceTurns, add: (view: TurnView) => void): void {
    let lastUser: UserTurnView | undefined;
    let lastUserTurn: PersistedTurn | undefined;
    for (const t of turns) {
      if (t.role === 'user') {
        lastUser = this.userTurn(t.text, t.attachments ?? [], t.context);
        lastUser.imageOptions = t.imageOptions;
        lastUser.voice = restoredVoice(t, undefined);
        lastUserTurn = t;
        const recording = voice.restored(t);
        if (recording) lastUser.element.querySelector('.user-text')?.after(recording);
        add(lastUser);
        continue;
      }
      // The reply says how its message was spoken (the voice session, and with which model).
      if (lastUser && lastUserTurn) lastUser.voice = restoredVoice(lastUserTurn, t);
      const view = AssistantTurnView.restore(makeMarkdown, t);
      const gallery = images.restored(t, { text: lastUser?.text ?? '', options: lastUser?.imageOptions ?? {} });
      if (gallery) view.attach(gallery);
      const spoken = voice.restored(t);
      if (spoken) view.attachBelow(spoken);
      add(view);
    }
  }
}
