// Restore for an agent turn: every file the turn changed goes back to its earlier state in ONE
// WorkspaceEdit (so one Undo brings the agent's version back), after one modal that lists the
// files. A file changed since the turn (by the user or a later turn) is put back only when the
// user says so; one with no copy kept is skipped, and the answer says which and why.
import * as vscode from 'vscode';
import type { AgentRestoredMessage, SkippedFile } from '../../shared/checkpointMessages';
import { showWarningMessage } from '../notify';
import { planRestore, type CheckpointFile, type FileNow, type RestoreStep, type TurnCheckpoints } from '../../core/agent/turnCheckpoint';

/** What the user chose: restore every file, leave the ones changed since as they are, or nothing. */
export type RestoreChoice = 'all' | 'keepChanged' | undefined;

/** Asks once before restoring; a modal in the product, an answer in tests. */
export type ConfirmRestore = (steps: readonly RestoreStep[]) => Promise<RestoreChoice>;

const RESTORE = 'Restore';
const RESTORE_ALL = 'Restore All, Including Later Changes';
const KEEP_CHANGED = 'Restore Only Unchanged Files';

function lineFor(step: RestoreStep): string {
  const what = step.action === 'delete' ? 'created by the turn: deleted' : 'put back as it was';
  return `• ${step.path} (${what}${step.changedSince ? '; changed since the turn' : ''})`;
}

/** What a checkpoint cannot cover, said in every modal: the host only sees the edit tools' changes. */
const NOT_COVERED = 'Changes made by commands run in the terminal are not restored.';

/** The modal: the files, and for files changed since, a choice that names them. */
export const askToRestore: ConfirmRestore = async (steps) => {
  const acting = steps.filter((s) => s.action === 'write' || s.action === 'delete');
  const changed = acting.filter((s) => s.changedSince);
  const skipped = steps.filter((s) => s.action === 'skip').map((s) => `• ${s.path}: cannot be restored (${s.why})`);
  const detail = [...acting.map(lineFor), ...skipped].join('\n');
  if (!changed.length) {
    const pick = await showWarningMessage('Restore the files this turn changed?', { modal: true, detail: `${detail}\n\n${NOT_COVERED} Undo brings the agent's version back.` }, RESTORE);
    return pick === RESTORE ? 'all' : undefined;
  }
  const names = changed.map((s) => s.path).join(', ');
  const pick = await showWarningMessage(
    `Restore the files this turn changed? ${names} changed since the turn.`,
    { modal: true, detail: `${detail}\n\n"${RESTORE_ALL}" also puts back ${names}, dropping what changed since; "${KEEP_CHANGED}" leaves ${changed.length === 1 ? 'it' : 'them'} as ${changed.length === 1 ? 'it is' : 'they are'}. ${NOT_COVERED} Undo brings the agent's version back.` },
    RESTORE_ALL,
    KEEP_CHANGED,
  );
  return pick === RESTORE_ALL ? 'all' : pick === KEEP_CHANGED ? 'keepChanged' : undefined;
};

async function fileNow(uri: vscode.Uri): Promise<FileNow> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open && !open.isClosed) return { exists: true, text: open.getText() };
  const stat = await vscode.workspace.fs.stat(uri).then(undefined, () => undefined);
  if (!stat) return { exists: false };
  if (stat.type & vscode.FileType.Directory) return { exists: true };
  try {
    return { exists: true, text: new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return { exists: true };
  }
}

function answer(requestId: string, outcome: AgentRestoredMessage['outcome'], message: string, lists: Partial<Pick<AgentRestoredMessage, 'restored' | 'deleted' | 'skipped'>> = {}): AgentRestoredMessage {
  return { method: 'agent/restored', requestId, outcome, message, restored: lists.restored ?? [], deleted: lists.deleted ?? [], skipped: lists.skipped ?? [] };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The one answer to `agent/restore` for `requestId`. Never throws. */
export async function restoreAgentTurn(checkpoints: TurnCheckpoints | undefined, requestId: string, confirm: ConfirmRestore): Promise<AgentRestoredMessage> {
  try {
    const checkpoint = checkpoints?.get(requestId);
    if (!checkpoints || !checkpoint) return answer(requestId, 'unavailable', checkpoints ? checkpoints.missingReason(requestId) : 'Agent turns cannot be restored in this chat.');
    if (!checkpoint.finished) return answer(requestId, 'unavailable', 'The turn is still running: stop it or let it finish, then restore.');
    const files = checkpoint.changedFiles;
    const now = new Map<CheckpointFile, FileNow>();
    for (const f of files) now.set(f, await fileNow(vscode.Uri.parse(f.key)));
    const steps = planRestore(files, (f) => now.get(f)!);
    const skipped: SkippedFile[] = steps.filter((s) => s.action === 'skip').map((s) => ({ path: s.path, why: `no copy was kept: ${s.why}` }));
    if (!steps.some((s) => s.action === 'write' || s.action === 'delete')) {
      return answer(requestId, 'nothing', `Nothing to restore: the files are already as they were before this turn.${skipNote(skipped)}`, { skipped });
    }
    const choice = await confirm(steps);
    if (!choice) return answer(requestId, 'cancelled', 'Restore cancelled: nothing was changed.');
    const chosen = steps.filter((s) => (s.action === 'write' || s.action === 'delete') && (choice === 'all' || !s.changedSince));
    for (const s of steps) if ((s.action === 'write' || s.action === 'delete') && !chosen.includes(s)) skipped.push({ path: s.path, why: 'it changed since the turn, and you chose to keep it as it is' });
    if (!chosen.length) return answer(requestId, 'nothing', `Nothing was restored.${skipNote(skipped)}`, { skipped });
    return await apply(requestId, chosen, now, files, skipped);
  } catch (e) {
    return answer(requestId, 'failed', `The files could not be restored: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function apply(requestId: string, chosen: RestoreStep[], now: Map<CheckpointFile, FileNow>, files: CheckpointFile[], skipped: SkippedFile[]): Promise<AgentRestoredMessage> {
  const edit = new vscode.WorkspaceEdit();
  const metadata = { needsConfirmation: false, label: 'Bedrock agent: restore the files of a turn' };
  /** Documents to save after the edit: those that had no unsaved typing (the turn had saved its change to them). */
  const toSave: vscode.TextDocument[] = [];
  for (const step of chosen) {
    const uri = vscode.Uri.parse(step.key);
    if (step.action === 'delete') {
      edit.deleteFile(uri, { ignoreIfNotExists: true }, metadata);
      continue;
    }
    const current = now.get(files.find((f) => f.key === step.key)!)!;
    if (!current.exists) {
      edit.createFile(uri, { contents: new TextEncoder().encode(step.text ?? '') }, metadata);
      continue;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!doc.isDirty) toSave.push(doc);
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), step.text ?? '', metadata);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return answer(requestId, 'failed', 'VS Code did not apply the restore (a file may be read-only); nothing was changed.', { skipped });
  const unsaved: string[] = [];
  for (const doc of toSave) if (!(await doc.save())) unsaved.push(vscode.workspace.asRelativePath(doc.uri));
  const restored = chosen.filter((s) => s.action === 'write').map((s) => s.path);
  const deleted = chosen.filter((s) => s.action === 'delete').map((s) => s.path);
  const parts = [restored.length ? `Restored ${plural(restored.length, 'file')}` : '', deleted.length ? `deleted ${plural(deleted.length, 'file')} the turn created` : ''].filter(Boolean);
  const said = parts.join(' and ');
  const message = `${said[0]!.toUpperCase()}${said.slice(1)}. Undo brings the agent's version back.${unsaved.length ? ` Not saved: ${unsaved.join(', ')}.` : ''}${skipNote(skipped)}`;
  return answer(requestId, 'restored', message, { restored, deleted, skipped });
}

function skipNote(skipped: readonly SkippedFile[]): string {
  return skipped.length ? ` Skipped: ${skipped.map((s) => `${s.path} (${s.why})`).join('; ')}.` : '';
}
