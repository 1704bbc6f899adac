// What an agent turn changed, so the user can put it back: before the turn's first change to a
// file, the file's earlier state (its text, or that it did not exist); after each change, a hash of
// the agent's version, so a restore can tell whether anyone changed the file since. Kept in memory
// only, for this window session, and bounded: a file over MAX_SNAPSHOT_BYTES, or past
// MAX_TURN_SNAPSHOT_BYTES for the turn, is not kept (the tool's result says Restore cannot bring
// it back), and only the newest MAX_CHECKPOINT_TURNS turns that changed files keep a checkpoint.
import { createHash } from 'node:crypto';
import { MAX_CHECKPOINT_TURNS } from '../../shared/checkpointMessages';
import type { ChangeRecorder, FileBefore } from './agentTool';

export type { FileBefore } from './agentTool';

/** The largest file whose earlier text a checkpoint keeps (UTF-8 bytes). */
export const MAX_SNAPSHOT_BYTES = 1_000_000;
/** The most earlier text one turn's checkpoint keeps, all files together. */
export const MAX_TURN_SNAPSHOT_BYTES = 8_000_000;


/** A file as it is now: absent, its text, or present but not readable as text (`text` undefined). */
export type FileNow = { readonly exists: false } | { readonly exists: true; readonly text?: string };

type Prior = { kind: 'absent' } | { kind: 'text'; text: string } | { kind: 'notKept'; why: string };

export interface CheckpointFile {
  /** Identifies the file (its URI). */
  readonly key: string;
  /** As the user reads it: workspace-relative. */
  readonly path: string;
  readonly prior: Prior;
  /** The agent's last version: undefined until a change was applied; null when it left no file. */
  agentHash?: string | null;
}

/** Why a file over MAX_SNAPSHOT_BYTES has no copy (also for a tool that sees the size before reading). */
export const TOO_LARGE = `it is larger than ${MAX_SNAPSHOT_BYTES / 1_000_000} MB, too large to keep a copy of`;

function hashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function stateHash(now: FileNow): string | null | undefined {
  if (!now.exists) return null;
  return now.text === undefined ? undefined : hashOf(now.text);
}

export class TurnCheckpoint implements ChangeRecorder {
  private readonly files = new Map<string, CheckpointFile>();
  private keptBytes = 0;
  /** The turn ended: its changes are complete and may be restored. */
  finished = false;

  constructor(
    readonly requestId: string,
    readonly conversationId: string,
    /** Called the first time a change of this turn is applied. */
    private readonly onFirstChange: (checkpoint: TurnCheckpoint) => void = () => undefined,
  ) {}

  /**
   * Records `before` unless the turn already changed this file (the first change wins: the state
   * to go back to is the one before the turn). Call it just before applying the change, with no
   * wait between reading `before` and this call. Returns a sentence for the tool's result when the
   * file cannot be restored.
   */
  before(key: string, path: string, before: FileBefore): string | undefined {
    const known = this.files.get(key);
    if (known) return known.prior.kind === 'notKept' ? notKeptNote(path, known.prior.why) : undefined;
    const prior = this.priorOf(before);
    this.files.set(key, { key, path, prior });
    return prior.kind === 'notKept' ? notKeptNote(path, prior.why) : undefined;
  }

  /** The change to `key` was applied; `after` is the file as the agent left it. */
  after(key: string, after: { readonly exists: false } | { readonly exists: true; readonly text: string }): void {
    const file = this.files.get(key);
    if (!file) return;
    const first = !this.changed;
    file.agentHash = after.exists ? hashOf(after.text) : null;
    if (first) this.onFirstChange(this);
  }

  /** Whether a change of this turn was applied. */
  get changed(): boolean {
    return [...this.files.values()].some((f) => f.agentHash !== undefined);
  }

  /** The files the turn changed, in the order it first changed them. */
  get changedFiles(): CheckpointFile[] {
    return [...this.files.values()].filter((f) => f.agentHash !== undefined);
  }

  private priorOf(before: FileBefore): Prior {
    if (!before.exists) return { kind: 'absent' };
    if ('unreadable' in before) return { kind: 'notKept', why: before.unreadable };
    const bytes = Buffer.byteLength(before.text, 'utf8');
    if (bytes > MAX_SNAPSHOT_BYTES) return { kind: 'notKept', why: TOO_LARGE };
    if (this.keptBytes + bytes > MAX_TURN_SNAPSHOT_BYTES) return { kind: 'notKept', why: `this turn already keeps ${MAX_TURN_SNAPSHOT_BYTES / 1_000_000} MB of earlier file contents` };
    this.keptBytes += bytes;
    return { kind: 'text', text: before.text };
  }
}

function notKeptNote(path: string, why: string): string {
  return `No copy of ${path} as it was before was kept (${why}): Restore cannot bring it back.`;
}

/** What a restore does to one file. */
export interface RestoreStep {
  readonly key: string;
  readonly path: string;
  /** `write` the earlier text back, `delete` a file the turn created, `none` (already as before), `skip` (nothing kept). */
  readonly action: 'write' | 'delete' | 'none' | 'skip';
  /** The text to write back. */
  readonly text?: string;
  /** Someone changed the file since the turn (the user, or a later turn): it is restored only when the user confirms. */
  readonly changedSince: boolean;
  /** Why a `skip` is skipped. */
  readonly why?: string;
}

/** What restoring `checkpoint` would do to each file it changed, given each file as it is now. */
export function planRestore(files: readonly CheckpointFile[], now: (file: CheckpointFile) => FileNow): RestoreStep[] {
  return files.map((file) => {
    const { key, path, prior } = file;
    if (prior.kind === 'notKept') return { key, path, action: 'skip', changedSince: false, why: prior.why };
    const current = now(file);
    // Unreadable now (undefined) never matches: it is treated as changed.
    const changedSince = stateHash(current) !== file.agentHash;
    if (prior.kind === 'absent') return { key, path, action: current.exists ? 'delete' : 'none', changedSince };
    if (current.exists && current.text === prior.text) return { key, path, action: 'none', changedSince };
    return { key, path, action: 'write', text: prior.text, changedSince };
  });
}

/**
 * The checkpoints of one chat surface's agent turns, newest last. A turn that changed nothing
 * keeps none; past MAX_CHECKPOINT_TURNS, the oldest is dropped (and a restore of it says why).
 */
export class TurnCheckpoints {
  private readonly turns = new Map<string, TurnCheckpoint>();
  /** Turns whose checkpoint was dropped, and why (bounded like the turns themselves). */
  private readonly dropped = new Map<string, string>();

  constructor(private readonly maxTurns = MAX_CHECKPOINT_TURNS) {}

  /** The checkpoint for a starting turn. */
  begin(requestId: string, conversationId: string): TurnCheckpoint {
    // A change applied after the turn ended (a tool that outlasted the wait for it on Stop) still
    // gets its checkpoint, though `finish` dropped it as unchanged.
    const checkpoint = new TurnCheckpoint(requestId, conversationId, (c) => {
      if (!this.turns.has(c.requestId)) this.turns.set(c.requestId, c);
      this.evict();
    });
    this.turns.set(requestId, checkpoint);
    return checkpoint;
  }

  /** The turn ended: a checkpoint that recorded no change is dropped. */
  finish(checkpoint: TurnCheckpoint): void {
    checkpoint.finished = true;
    if (!checkpoint.changed && this.turns.get(checkpoint.requestId) === checkpoint) this.turns.delete(checkpoint.requestId);
  }

  get(requestId: string): TurnCheckpoint | undefined {
    return this.turns.get(requestId);
  }

  /** Why there is no checkpoint for `requestId`, as the turn should say it. */
  missingReason(requestId: string): string {
    return (
      this.dropped.get(requestId) ??
      'No checkpoint is kept for this turn: checkpoints last only while this window is open, for the chat shown and the turns run in it.'
    );
  }

  /** Another chat is shown: the other chats' checkpoints go (the webview cannot offer them any more). */
  keepOnly(conversationId: string | undefined): void {
    for (const [id, c] of this.turns) {
      if (c.conversationId !== conversationId && c.finished) {
        this.turns.delete(id);
        this.remember(id, 'No checkpoint is kept for this turn any more: another chat was opened since.');
      }
    }
  }

  private evict(): void {
    const changed = [...this.turns.values()].filter((c) => c.changed);
    for (const old of changed.slice(0, Math.max(0, changed.length - this.maxTurns))) {
      this.turns.delete(old.requestId);
      this.remember(old.requestId, `No checkpoint is kept for this turn any more: only the last ${this.maxTurns} agent turns that changed files keep one.`);
    }
  }

  private remember(requestId: string, why: string): void {
    this.dropped.set(requestId, why);
    // A reason per dropped turn is all that is kept; the oldest reasons go first.
    while (this.dropped.size > 100) this.dropped.delete(this.dropped.keys().next().value as string);
  }
}
