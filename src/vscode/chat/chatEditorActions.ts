// The chat messages that act on the editor or the outside world rather than on the conversation
// (copy, insert, apply, open in a new file, reveal a context chip, focus the editor, open a link).
// They live apart from ChatPanelHost so the host stays about its webview, turns and history.
import * as vscode from 'vscode';
import type { WebviewToHostMessage } from '../../shared/protocol';
import { openableLinkHref } from '../../shared/protocolValidation';
import { languageIdForFence } from '../../core/chat/languageIds';
import type { CodeActions } from './codeActions';
import { revealRange } from './transcriptEdits';

/** The methods `runChatEditorAction` handles. */
export type ChatEditorActionMessage = Extract<
  WebviewToHostMessage,
  { method: 'link/open' | 'code/copy' | 'code/insert' | 'code/apply' | 'editor/reveal' | 'code/openInNewFile' | 'editor/focus' }
>;

export interface ChatEditorActionDeps {
  /** Insert at Cursor and Apply (they target the editor the user was last in, not the chat). */
  codeActions?: Pick<CodeActions, 'insert' | 'apply'>;
  /** Logs (throttled) a refusal, such as a link the shared policy would not open. */
  warn(kind: string, message: string): void;
}

export async function runChatEditorAction(msg: ChatEditorActionMessage, deps: ChatEditorActionDeps): Promise<void> {
  switch (msg.method) {
    case 'link/open':
      return openLink(msg.href, deps.warn);
    case 'code/copy':
      return vscode.env.clipboard.writeText(msg.code);
    case 'code/insert':
      await deps.codeActions?.insert(msg.code);
      return;
    case 'code/apply':
      await deps.codeActions?.apply(msg.code, msg.file);
      return;
    case 'editor/reveal':
      return revealRange(msg);
    case 'code/openInNewFile':
      return openInNewFile(msg.code, msg.language);
    case 'editor/focus':
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      return;
  }
}

/** Opens exactly what the shared link policy returns: the webview rendered the link by the same rule. */
async function openLink(href: string, warn: ChatEditorActionDeps['warn']): Promise<void> {
  const link = openableLinkHref(href);
  if (!link) {
    warn('refused link', 'chat panel: refused to open a link that is not http, https or mailto');
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(link, true));
}

async function openInNewFile(code: string, language: string | undefined): Promise<void> {
  const id = languageIdForFence(language);
  const known = id ? (await vscode.languages.getLanguages()).includes(id) : false;
  const doc = await vscode.workspace.openTextDocument({ content: code, language: known ? id : undefined });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
}
