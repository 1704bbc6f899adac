// What the code-block buttons do in the editor: Insert at Cursor goes to the last text editor the
// user was in (the chat itself has focus when the button is pressed) and says so when there is
// none; Apply opens a diff of the target file — the file the block names, else the last editor's
// selection — and makes the change, as one undo step, only when the user accepts it.
import * as vscode from 'vscode';
import { commentPath } from '../../shared/codeTarget';
import { isWorkspacePath } from '../../shared/protocolValidation';
import { showInformationMessage, showWarningMessage } from '../notify';

export const APPLY_SCHEME = 'bedrock-apply';

export const NO_EDITOR_TO_INSERT = 'Insert at Cursor: no text editor is open. Open a file, place the cursor where the code should go, then press Insert at Cursor again.';
export const NO_APPLY_TARGET =
  'Apply: the code block names no file and no text editor is open. Open the file to change (select the lines to replace), then press Apply again.';

/** Proposed contents shown on the right of an Apply diff, by URI. */
class ProposalProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private serial = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: APPLY_SCHEME, path: `/${name}`, query: String(++this.serial) });
    this.contents.set(uri.toString(), text);
    return uri;
  }

  remove(uri: vscode.Uri): void {
    this.contents.delete(uri.toString());
  }
}

/** A planned change: replace `range` of `target` (or create it) with `text`. */
export interface ApplyPlan {
  target: vscode.Uri;
  /** Undefined when the file does not exist yet. */
  document?: vscode.TextDocument;
  range?: vscode.Range;
  text: string;
  /** What the diff's title says the change is. */
  description: string;
}

export interface CodeActionsDeps {
  /** The text editor the user was last in, if it is still open. */
  lastTextEditor(): vscode.TextEditor | undefined;
  /** Asks whether to apply; resolves true to apply (tests answer without a notification). */
  confirmApply?(plan: ApplyPlan): Thenable<boolean>;
  log?: vscode.LogOutputChannel;
}

export class CodeActions implements vscode.Disposable {
  private readonly proposals = new ProposalProvider();
  private readonly registration: vscode.Disposable;
  /** Asks whether to apply a planned change (replaceable in tests, which answer without a notification). */
  confirmApply: (plan: ApplyPlan) => Thenable<boolean>;

  constructor(private readonly deps: CodeActionsDeps) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(APPLY_SCHEME, this.proposals);
    this.confirmApply = deps.confirmApply ?? confirmByNotification;
  }

  dispose(): void {
    this.registration.dispose();
  }

  /** The editor Insert at Cursor and Apply target: the last one the user was in, if still visible. */
  targetEditor(): vscode.TextEditor | undefined {
    const last = this.deps.lastTextEditor();
    if (last && !last.document.isClosed && vscode.window.visibleTextEditors.includes(last)) return last;
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== 'output' && e.document.uri.scheme !== APPLY_SCHEME);
  }

  /** Inserts `code` at every cursor (replacing selections) of the target editor; false when there is none. */
  async insert(code: string): Promise<boolean> {
    const editor = this.targetEditor();
    if (!editor) {
      void showInformationMessage(NO_EDITOR_TO_INSERT);
      return false;
    }
    const ok = await editor.edit((b) => {
      for (const sel of editor.selections) b.replace(sel, code);
    });
    if (ok) await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    return ok;
  }

  /** Plans an Apply: the named file (whole), else the target editor's selection (or cursor). */
  async plan(code: string, file: string | undefined): Promise<ApplyPlan | undefined> {
    const named = file ?? commentPath(code);
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (named && isWorkspacePath(named) && folder) {
      const target = await resolveInWorkspace(named);
      const document = target.exists ? await vscode.workspace.openTextDocument(target.uri) : undefined;
      const range = document ? document.validateRange(new vscode.Range(0, 0, document.lineCount, 0)) : undefined;
      return { target: target.uri, document, range, text: code, description: document ? `replace ${named}` : `create ${named}` };
    }
    const editor = this.targetEditor();
    if (!editor) return undefined;
    const sel = editor.selection;
    const lines = sel.isEmpty ? `line ${sel.active.line + 1}` : `lines ${sel.start.line + 1}-${sel.end.line + 1}`;
    return { target: editor.document.uri, document: editor.document, range: sel, text: code, description: `${sel.isEmpty ? 'insert at' : 'replace'} ${lines}` };
  }

  /** Opens the diff and applies on accept. Resolves true when the change was made. */
  async apply(code: string, file: string | undefined): Promise<boolean> {
    const plan = await this.plan(code, file);
    if (!plan) {
      void showInformationMessage(NO_APPLY_TARGET);
      return false;
    }
    const name = plan.target.path.split('/').pop() || 'file';
    const before = plan.document?.getText() ?? '';
    const version = plan.document?.version;
    const after = plan.document && plan.range ? spliced(plan.document, plan.range, plan.text) : plan.text;
    const left = plan.document ? plan.document.uri : this.proposals.add(`${name}.empty`, '');
    const right = this.proposals.add(name, after);
    try {
      await vscode.commands.executeCommand('vscode.diff', left, right, `${name}: proposed change (${plan.description})`, { preview: true });
      const accepted = await this.confirmApply(plan);
      await closeTabsOf(right);
      if (!accepted) return false;
      if (plan.document && (plan.document.version !== version || plan.document.getText() !== before)) {
        void showWarningMessage(`Apply: ${name} changed while the diff was open, so nothing was applied. Press Apply again to see the change against the new text.`);
        return false;
      }
      const edit = new vscode.WorkspaceEdit();
      if (plan.document && plan.range) edit.replace(plan.target, plan.range, plan.text);
      else {
        edit.createFile(plan.target, { ignoreIfExists: true, contents: new TextEncoder().encode(plan.text) });
      }
      const ok = await vscode.workspace.applyEdit(edit);
      if (ok) await vscode.window.showTextDocument(plan.target, { preview: false });
      else void showWarningMessage(`Apply: the change to ${name} could not be made (the file may be read-only).`);
      return ok;
    } finally {
      this.proposals.remove(right);
      if (left.scheme === APPLY_SCHEME) this.proposals.remove(left);
    }
  }
}

/** The document's text with `range` replaced by `text`. */
function spliced(document: vscode.TextDocument, range: vscode.Range, text: string): string {
  const all = document.getText();
  return all.slice(0, document.offsetAt(range.start)) + text + all.slice(document.offsetAt(range.end));
}

/** The named path in the first workspace folder that has it, else in the first folder (to be created). */
async function resolveInWorkspace(relative: string): Promise<{ uri: vscode.Uri; exists: boolean }> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const parts = relative.split(/[\\/]/);
  for (const folder of folders) {
    const uri = vscode.Uri.joinPath(folder.uri, ...parts);
    try {
      await vscode.workspace.fs.stat(uri);
      return { uri, exists: true };
    } catch {
      // not in this folder
    }
  }
  return { uri: vscode.Uri.joinPath(folders[0].uri, ...parts), exists: false };
}

async function confirmByNotification(plan: ApplyPlan): Promise<boolean> {
  const name = plan.target.path.split('/').pop();
  const choice = await showInformationMessage(`Apply the proposed change to ${name} (${plan.description})? The diff shows it.`, 'Apply', 'Discard');
  return choice === 'Apply';
}

async function closeTabsOf(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === uri.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
