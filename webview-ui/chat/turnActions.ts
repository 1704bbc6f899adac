// The buttons on a transcript turn (copy, edit, delete, reveal, regenerate/retry, error actions):
// which turn a click belongs to and what it asks for. Split out of chatApp.ts, which supplies the
// conversation-changing steps (edit, delete, resend) as handlers.
import type { ErrorActionId } from '../../src/shared/coreNames';
import type { TurnView } from './transcriptView';
import { ACTION_ATTR, UserTurnView } from './turnViews';
import type { HostApi } from './vscodeApi';

export interface TurnActionHandlers {
  host: HostApi;
  announce(text: string): void;
  /** The request whose error an error-action button belongs to. */
  lastRequestId(): string | undefined;
  edit(index: number): void;
  delete(index: number): void;
  resend(index: number): void;
}

export function dispatchTurnAction(button: Element, turns: readonly TurnView[], h: TurnActionHandlers): void {
  const index = turns.findIndex((t) => t.element.contains(button));
  const turn = turns[index];
  switch (button.getAttribute(ACTION_ATTR)) {
    case 'copy':
      if (!turn) return;
      h.host.postMessage({ method: 'code/copy', code: turn.copyText });
      turn.actions.showCopied();
      h.announce('Copied.');
      return;
    case 'edit':
      return h.edit(index);
    case 'delete':
      return h.delete(index);
    case 'reveal': {
      const context = turn instanceof UserTurnView ? turn.context : undefined;
      if (context) h.host.postMessage({ method: 'editor/reveal', uri: context.uri, startLine: context.startLine, endLine: context.endLine });
      return;
    }
    case 'regenerate':
    case 'retry':
      return h.resend(index < 0 ? turns.length - 1 : index);
    case 'errorAction': {
      const actionId = button.getAttribute('data-action-id') as ErrorActionId | null;
      const requestId = h.lastRequestId();
      if (actionId && requestId) h.host.postMessage({ method: 'error/action', requestId, actionId });
      return;
    }
  }
}

/** The index of the user message at or before `index`, or -1 when there is none. */
export function userTurnAtOrBefore(turns: readonly TurnView[], index: number): number {
  let u = Math.min(index, turns.length - 1);
  while (u >= 0 && !(turns[u] instanceof UserTurnView)) u--;
  return u;
}
