// The tools that change files. Each shows its change first (a diff editor, through the approval
// gate's preview), then, once approved, applies it as one WorkspaceEdit (one Undo reverts it) and
// saves, so terminals and later reads see it. Each records the file's earlier state in the turn's
// checkpoint just before its change, so the turn can be restored.
import * as vscode from 'vscode';
import type { AgentTool } from '../../../core/agent/agentTool';
import { defineTool, ToolRefusal } from '../../../core/agent/defineTool';
import { describePlannedEdit, planEdit, type EditRequest } from '../../../core/agent/textEdit';
import { ToolInputError, optionalBoolean, requiredString } from '../../../core/agent/toolText';
import { MAX_SNAPSHOT_BYTES, TOO_LARGE, type FileBefore } from '../../../core/agent/turnCheckpoint';
import type { ProposedChanges } from '../proposedChanges';
import type { WorkspaceAccess } from '../workspaceAccess';

const MAX_CONTENT_CHARS = 2_000_000;

function textField(o: Record<string, unknown>, field: string): string | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ToolInputError(`"${field}" must be a string; got ${typeof v}.`);
  if (v.length > MAX_CONTENT_CHARS) throw new ToolInputError(`"${field}" is longer than ${MAX_CONTENT_CHARS} characters; make the change in smaller edits.`);
  return v;
}

function editRequest(o: Record<string, unknown>): EditRequest {
  const content = textField(o, 'content');
  const oldText = textField(o, 'oldText');
  const newText = textField(o, 'newText');
  if (content !== undefined) {
    if (oldText !== undefined) throw new ToolInputError('Give either oldText and newText, or content (the whole new file), not both.');
    return { content };
  }
  if (oldText === undefined || newText === undefined) throw new ToolInputError('Give oldText (the exact text to replace) and newText (what replaces it), or content with the whole new file.');
  return { oldText, newText };
}

function lineCount(text: unknown): number {
  return typeof text === 'string' && text ? text.split('\n').length - (text.endsWith('\n') ? 1 : 0) : 0;
}

/** "1 line", "3 lines". */
function lines(n: number): string {
  return `${n} ${n === 1 ? 'line' : 'lines'}`;
}

/** An existing file as the editor holds it (unsaved typing included), else as stored; what a checkpoint keeps. */
async function fileBefore(uri: vscode.Uri): Promise<FileBefore> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { exists: true, text: open.getText() };
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_SNAPSHOT_BYTES) return { exists: true, unreadable: TOO_LARGE };
  try {
    return { exists: true, text: new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return { exists: true, unreadable: 'it is not UTF-8 text' };
  }
}

export function proposeEditTool(access: WorkspaceAccess, proposals: ProposedChanges): AgentTool {
  const plan = async (o: Record<string, unknown>, conversationId: string | undefined) => {
    const request = editRequest(o);
    const file = await access.resolve(requiredString(o, 'path', 'src/index.ts'), conversationId);
    if (!(await access.exists(file))) throw new ToolRefusal(`${file.relative} does not exist; use create_file to make a new file.`);
    await access.readText(file); // refuses folders, binary and huge files
    // The document as the editor holds it (unsaved typing included), which the edit applies to.
    const doc = await vscode.workspace.openTextDocument(file.uri);
    return { file, doc, edit: planEdit(doc.getText(), request, file.relative) };
  };
  return defineTool({
    name: 'propose_edit',
    title: 'Edit file',
    kind: 'edit',
    description:
      'Proposes a change to an existing workspace file: replace oldText (copied exactly from the file, without line numbers, occurring exactly once) with newText, or give content to replace the whole file. The user sees the change as a diff and approves or rejects it; it is applied only when approved. Read the file first.',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path relative to the workspace root.' },
        oldText: { type: 'string', description: 'The exact text to replace, with enough surrounding lines to occur only once.' },
        newText: { type: 'string', description: 'The text that replaces oldText (empty to delete it).' },
        content: { type: 'string', description: 'Instead of oldText/newText: the whole new content of the file.' },
      },
      required: ['path'],
    },
    describe: (o) => {
      const path = typeof o.path === 'string' ? o.path : 'a file';
      if (typeof o.content === 'string') return `Rewrite ${path} (${lines(lineCount(o.content))})`;
      return `Edit ${path}: replace ${lines(lineCount(o.oldText))} with ${lineCount(o.newText)}`;
    },
    async preview(o) {
      // The preview never asks about credentials files; the call itself will.
      const { file, edit } = await plan(o, undefined);
      return proposals.show(file.relative, file.uri, edit.after, `${file.relative}: proposed edit (${describePlannedEdit(edit)})`);
    },
    async run(o, context) {
      // Planned again on the text as it is now: the user may have typed since the preview.
      const { file, doc, edit } = await plan(o, context.conversationId);
      // Unsaved typing of the user's is theirs to save: then the edit stays in the editor, unsaved, too.
      const hadUnsavedChanges = doc.isDirty;
      const key = file.uri.toString();
      const we = new vscode.WorkspaceEdit();
      we.replace(file.uri, new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end)), edit.replacement, { needsConfirmation: false, label: `Bedrock agent: ${describePlannedEdit(edit)}` });
      let notKept: string | undefined;
      // Unless the turn was stopped meanwhile: the text read and recorded with no wait before the edit, the state Restore goes back to.
      const applying = context.act(() => {
        notKept = context.checkpoint?.before(key, file.relative, { exists: true, text: doc.getText() });
        return vscode.workspace.applyEdit(we);
      });
      if (!(await applying)) throw new ToolRefusal(`VS Code did not apply the edit to ${file.relative} (the file may be read-only).`);
      context.checkpoint?.after(key, { exists: true, text: doc.getText() });
      const saved = hadUnsavedChanges ? false : await doc.save();
      const state = saved ? ', saved' : hadUnsavedChanges ? ' in the editor, not saved (the file already had unsaved changes of the user\'s)' : ' (not saved: the file could not be written)';
      return `Edited ${file.relative}: ${describePlannedEdit(edit)}${state}. It is now ${lines(doc.lineCount)}. The user can revert it with Undo in the editor.${notKept ? ` ${notKept}` : ''}`;
    },
  });
}

export function createFileTool(access: WorkspaceAccess, proposals: ProposedChanges): AgentTool {
  const target = async (o: Record<string, unknown>, conversationId: string | undefined) => {
    const content = textField(o, 'content') ?? '';
    const overwrite = optionalBoolean(o, 'overwrite') ?? false;
    const file = await access.resolve(requiredString(o, 'path', 'src/newFile.ts'), conversationId);
    const stat = await vscode.workspace.fs.stat(file.uri).then(undefined, () => undefined);
    if (stat && stat.type & vscode.FileType.Directory) throw new ToolRefusal(`${file.relative} is a folder.`);
    if (stat && !overwrite) throw new ToolRefusal(`${file.relative} already exists. Edit it with propose_edit, or pass overwrite: true to replace it (the user will see the change first).`);
    return { file, content, exists: !!stat };
  };
  return defineTool({
    name: 'create_file',
    title: 'Create file',
    kind: 'create',
    description:
      'Creates a new file in the workspace with the given content (folders are created as needed). Refuses to replace an existing file unless overwrite is true. The user sees the new file first and approves or rejects it.',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Path of the new file, relative to the workspace root.' },
        content: { type: 'string', description: 'The whole content of the file.' },
        overwrite: { type: 'boolean', description: 'Replace the file if it exists. Default false.' },
      },
      required: ['path', 'content'],
    },
    describe: (o) => `${o.overwrite === true ? 'Create or replace' : 'Create'} ${typeof o.path === 'string' ? o.path : 'a file'} (${lines(lineCount(o.content))})`,
    async preview(o) {
      const { file, content, exists } = await target(o, undefined);
      return proposals.show(file.relative, exists ? file.uri : undefined, content, `${file.relative}: ${exists ? 'proposed replacement' : 'proposed new file'}`);
    },
    async run(o, context) {
      const { file, content, exists } = await target(o, context.conversationId);
      const key = file.uri.toString();
      const before = exists ? await fileBefore(file.uri) : ({ exists: false } as const);
      const we = new vscode.WorkspaceEdit();
      we.createFile(file.uri, { overwrite: exists, contents: new TextEncoder().encode(content) }, { needsConfirmation: false, label: `Bedrock agent: create ${file.relative}` });
      let notKept: string | undefined;
      // Unless the turn was stopped while the file was being looked at.
      const creating = context.act(() => {
        notKept = context.checkpoint?.before(key, file.relative, before);
        return vscode.workspace.applyEdit(we);
      });
      if (!(await creating)) throw new ToolRefusal(`VS Code did not create ${file.relative}.`);
      context.checkpoint?.after(key, { exists: true, text: content });
      return `${exists ? 'Replaced' : 'Created'} ${file.relative} (${lines(lineCount(content))}). The user can remove it with Undo.${notKept ? ` ${notKept}` : ''}`;
    },
  });
}
