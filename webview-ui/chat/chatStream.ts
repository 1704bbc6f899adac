// What each streamed reply message does to the assistant turn on screen. Split out of chatApp.ts:
// the app decides which request is current (the stream gate); this renders its messages.
import { handledEveryMessage } from '../../src/shared/exhaustive';
import type { ChatImagesMessage } from '../../src/shared/imageProtocol';
import type { ChatStreamMessage } from '../../src/shared/protocol';
import type { ChatVoiceMessage } from '../../src/shared/voiceProtocol';
import type { AssistantTurnView } from './turnViews';

export interface StreamRendering {
  /** Scrolls to the end if the user is following the reply. */
  follow(): void;
  /** The reply is over (complete, stopped or failed); `announcement` goes to the status line. */
  done(announcement: string): void;
  /** Says `text` to screen readers (the status line). */
  announce(text: string): void;
  /** The gallery for images the reply streamed. */
  gallery(m: ChatImagesMessage): HTMLElement;
  /** A voice turn's progress (what was heard and said, the voice, the clips). */
  voice(m: ChatVoiceMessage): void;
}

/** A reply the webview stopped without waiting for the host's end, and its view. */
export interface StoppedReply {
  readonly requestId: string;
  readonly view: AssistantTurnView;
}

/**
 * After such a stop the reply's other posts are dropped, but not a call's result: a call that had
 * begun acting (an edit applied, a command sent) is let finish by the host, and its step must say
 * what it did (and its summary line offer Restore), not the "cancelled" the stop drew.
 */
export function lateToolResult(m: ChatStreamMessage, stopped: StoppedReply | undefined): void {
  if (stopped && m.method === 'chat/tool' && m.requestId === stopped.requestId && (m.tool.status === 'done' || m.tool.status === 'failed')) stopped.view.tool(m.tool);
}

export function renderStreamMessage(view: AssistantTurnView, m: ChatStreamMessage, r: StreamRendering): void {
  switch (m.method) {
    case 'chat/start':
      view.start(m.modelId, m.api);
      return;
    case 'chat/delta':
      if (m.channel === 'text') view.appendText(m.text);
      else view.appendReasoning(m.text);
      r.follow();
      return;
    case 'chat/route':
      view.route(m.modelId, m.api, m.reason);
      return;
    case 'chat/retry':
      view.retrying(m.attempt, m.maxAttempts, m.reason);
      return;
    case 'chat/images':
      view.attach(r.gallery(m));
      r.follow();
      return;
    case 'chat/voice':
      r.voice(m);
      r.follow();
      return;
    case 'chat/tool':
      view.tool(m.tool);
      if (m.tool.status === 'awaitingApproval') r.announce(`Approval needed: ${m.tool.label ?? m.tool.name}`);
      r.follow();
      return;
    case 'chat/end':
      view.end(m.stats, m.stopReason);
      r.done('Reply complete.');
      return;
    case 'chat/error':
      view.fail(m.error, m.stats);
      r.done(m.error.kind === 'cancelled' ? 'Reply stopped.' : `Error: ${m.error.message}`);
      return;
    default:
      return handledEveryMessage(m);
  }
}
