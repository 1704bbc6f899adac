// What the user is looking at: the file in the last text editor they used, its cursor and
// selection, and the selected text (or the lines around the cursor), numbered. The chat view
// has focus while the agent runs, so "active" means the last text editor, as attachments do.
import type * as vscode from 'vscode';
import type { AgentTool } from '../../../core/agent/agentTool';
import { defineTool, ToolRefusal } from '../../../core/agent/defineTool';
import { credentialFileReason } from '../../../core/chat/attachments/attachmentPolicy';
import { capResult, numberLines } from '../../../core/agent/toolText';
import type { WorkspaceAccess } from '../workspaceAccess';

/** Lines shown around the cursor when nothing is selected. */
const CONTEXT_LINES = 20;

export function activeEditorTool(access: WorkspaceAccess, lastEditor: () => vscode.TextEditor | undefined): AgentTool {
  return defineTool({
    name: 'active_editor',
    title: 'Active editor',
    kind: 'read',
    description:
      "Tells which file the user has open in the editor, the cursor position and the selection, with the selected text (or the lines around the cursor when nothing is selected), numbered. Use it when the user says \"this file\", \"this function\" or \"the selection\".",
    inputSchema: { type: 'object', properties: {} },
    describe: () => 'Look at the active editor',
    async run(_o, context) {
      const editor = lastEditor();
      if (!editor) return 'No text editor is open.';
      const doc = editor.document;
      let name: string;
      if (doc.uri.scheme === 'untitled') name = `an unsaved new file (${doc.uri.path})`;
      else if (doc.uri.scheme === 'file') {
        // A file outside the workspace or a credentials file goes through the same checks as reading it.
        name = (await access.resolve(doc.uri.fsPath, context.conversationId)).relative;
      } else {
        if (credentialFileReason(doc.uri.path)) throw new ToolRefusal('The active editor shows a credentials file; the agent does not read it.');
        name = `${doc.uri.scheme}:${doc.uri.path}`;
      }
      const sel = editor.selection;
      const head = [
        `File: ${name} (${doc.languageId}, ${doc.lineCount} lines${doc.isDirty ? ', unsaved changes' : ''})`,
        `Cursor: line ${sel.active.line + 1}, column ${sel.active.character + 1}`,
      ];
      let from: number;
      let to: number;
      if (sel.isEmpty) {
        head.push('Selection: none');
        from = Math.max(0, sel.active.line - CONTEXT_LINES);
        to = Math.min(doc.lineCount - 1, sel.active.line + CONTEXT_LINES);
        head.push(`Lines ${from + 1}-${to + 1} around the cursor:`);
      } else {
        from = sel.start.line;
        // A selection ending at column 0 ends on the line before.
        to = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line - 1 : sel.end.line;
        head.push(`Selection: lines ${from + 1}-${to + 1} (${doc.getText(sel).length} characters):`);
      }
      const lines: string[] = [];
      for (let i = from; i <= to; i++) lines.push(doc.lineAt(i).text);
      if (!sel.isEmpty && from === to) lines[0] = doc.getText(sel);
      return capResult(`${head.join('\n')}\n${numberLines(lines, from + 1)}`, context.maxResultBytes, 'Read the file in ranges with read_file.');
    },
  });
}
