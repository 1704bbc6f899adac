// The Restore action on an agent turn's summary line: it puts back the files the turn changed (the
// host asks once, restores, and answers with what it did). Offered only for turns run in this chat
// since it was opened in this window, the newest MAX_CHECKPOINT_TURNS of those that changed files;
// any other turn that changed files shows it disabled, its tooltip saying why.
import { MAX_CHECKPOINT_TURNS, type AgentRestoredMessage } from '../../src/shared/checkpointMessages';
import type { AgentRestoreMessage, WireToolCall } from '../../src/shared/protocol';
import { el } from './dom';

export const RESTORE_TOOLTIP = 'Restore the files this turn changed';
/** Why a turn drawn from history offers no Restore. */
export const NOT_KEPT =
  'Restore is not available for this turn: checkpoints are kept in memory only for turns run since this chat was opened in this window (not after a reload or reopening the chat).';
export const WAIT_FOR_REPLY = 'Restore is available again when the reply in progress has finished.';
const TOO_OLD = `Restore is not available for this turn: only the last ${MAX_CHECKPOINT_TURNS} agent turns that changed files keep a checkpoint.`;

/** Whether a call changed a file: a finished edit or file creation. */
export function changesFiles(call: WireToolCall): boolean {
  return call.status === 'done' && (call.kind === 'edit' || call.kind === 'create' || call.name === 'propose_edit' || call.name === 'create_file');
}

export class RestoreAction {
  readonly button: HTMLButtonElement;
  /** What the last restore did, under the summary line. */
  readonly note: HTMLElement;
  private changed = false;
  private running = false;
  private pending = false;
  /** A reply of this chat is streaming: files may be changing, so no restore until it ends. */
  private chatBusy = false;
  /** Why it cannot be used (no checkpoint); undefined while it can. */
  private unavailable: string | undefined;

  constructor(private readonly request?: { requestId: string; post(): void; onChanged(): void }) {
    this.unavailable = request ? undefined : NOT_KEPT;
    this.button = el(
      'button',
      { type: 'button', class: 'icon-button summary-restore', 'aria-label': RESTORE_TOOLTIP },
      el('span', { class: 'codicon codicon-discard', 'aria-hidden': 'true' }),
    );
    this.button.addEventListener('click', () => this.click());
    this.note = el('div', { class: 'restore-note', 'aria-live': 'polite' });
    this.note.hidden = true;
    this.render();
  }

  get requestId(): string | undefined {
    return this.request?.requestId;
  }

  get hasChanges(): boolean {
    return this.changed;
  }

  /** The turn's calls so far: the action shows once one of them changed a file. */
  update(calls: Iterable<WireToolCall>): void {
    const changed = [...calls].some(changesFiles);
    if (changed === this.changed) return;
    this.changed = changed;
    this.render();
    if (changed) this.request?.onChanged();
  }

  /** While the turn runs, its changes are not complete: the action waits for its end. */
  setRunning(running: boolean): void {
    this.running = running;
    this.render();
  }

  /** Whether a reply of this chat is streaming now. */
  setChatBusy(busy: boolean): void {
    if (busy === this.chatBusy) return;
    this.chatBusy = busy;
    this.render();
  }

  /** The host has no checkpoint for the turn (any more); `why` becomes the tooltip. */
  disable(why: string): void {
    this.unavailable = why;
    this.render();
  }

  /** Too old to keep a checkpoint (a newer turn took its place). */
  retire(): void {
    this.disable(TOO_OLD);
  }

  /** The host's answer. */
  answered(m: AgentRestoredMessage): void {
    this.pending = false;
    if (m.outcome === 'unavailable') this.unavailable = m.message;
    this.note.textContent = m.message;
    this.note.hidden = false;
    this.note.classList.toggle('is-failed', m.outcome === 'failed');
    this.render();
  }

  private click(): void {
    if (!this.request || this.unavailable || this.running || this.pending || this.chatBusy || !this.changed) return;
    this.pending = true;
    this.render();
    this.request.post();
  }

  private render(): void {
    const b = this.button;
    b.hidden = !this.changed || this.running;
    b.disabled = !!this.unavailable || this.pending || this.chatBusy;
    b.title = this.unavailable ?? (this.pending ? 'Restoring…' : this.chatBusy ? WAIT_FOR_REPLY : RESTORE_TOOLTIP);
  }
}

/** The Restore actions of the turns run in this chat since it was shown, by reply. */
export class TurnRestores {
  private readonly actions = new Map<string, RestoreAction>();

  constructor(private readonly post: (m: AgentRestoreMessage) => void) {}

  /** The action of a live agent turn. */
  forTurn(requestId: string): RestoreAction {
    const action = new RestoreAction({
      requestId,
      post: () => this.post({ method: 'agent/restore', requestId }),
      onChanged: () => this.retireOld(),
    });
    this.actions.set(requestId, action);
    return action;
  }

  answered(m: AgentRestoredMessage): void {
    this.actions.get(m.requestId)?.answered(m);
  }

  /** Another conversation is shown: none of these turns is on screen any more. */
  clear(): void {
    this.actions.clear();
  }

  /** Only the newest turns that changed files keep a checkpoint on the host; the older ones say so. */
  private retireOld(): void {
    const changed = [...this.actions.values()].filter((a) => a.hasChanges);
    for (const old of changed.slice(0, Math.max(0, changed.length - MAX_CHECKPOINT_TURNS))) {
      old.retire();
      this.actions.delete(old.requestId!);
    }
  }
}
