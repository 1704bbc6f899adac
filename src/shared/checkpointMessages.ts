// Restoring the files an agent turn changed: the webview asks (`agent/restore`), the host answers
// once (`agent/restored`). Part of the protocol; protocol.ts re-exports them and lists them in its
// unions. The bound on how many turns keep a checkpoint is here, so both sides say the same.

/** How many agent turns that changed files keep their checkpoint (the newest ones). */
export const MAX_CHECKPOINT_TURNS = 5;

/**
 * Put back the files reply `requestId` changed, as they were before its first change to each. The
 * host asks the user once (a modal listing the files) and answers with one `agent/restored`.
 */
export interface AgentRestoreMessage {
  method: 'agent/restore';
  /** The agent reply whose changes are undone. */
  requestId: string;
}

/**
 * `restored`: the files were put back (some may be listed as skipped); `nothing`: every file already
 * was as before; `cancelled`: the user said no, nothing changed; `unavailable`: no checkpoint is kept
 * for the turn (or it is still running), see `message`; `failed`: VS Code did not apply the change.
 */
export type RestoreOutcome = 'restored' | 'nothing' | 'cancelled' | 'unavailable' | 'failed';

/** A file a restore left as it is, and why. */
export interface SkippedFile {
  path: string;
  why: string;
}

/** The answer to `agent/restore`. */
export interface AgentRestoredMessage {
  method: 'agent/restored';
  /** The reply it answers for. */
  requestId: string;
  outcome: RestoreOutcome;
  /** One or two sentences for the turn: what was restored, what was skipped and why. */
  message: string;
  /** Workspace-relative paths written back to their earlier content. */
  restored: string[];
  /** Files the turn had created, deleted again. */
  deleted: string[];
  skipped: SkippedFile[];
}
