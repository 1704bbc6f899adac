// Transcript actions that reach past the webview: deleting a message (and its reply) from the
// stored conversation, and revealing an editor command's code range from its context chip.
import * as vscode from 'vscode';
import { deleteTurns } from '../../core/chat/conversationModel';
import type { HistoryStore } from '../../core/chat/historyStore';
import { readStoredConversation } from '../../shared/persistedRecords';
import type { ChatDeleteTurnsMessage, EditorRevealMessage, PersistedConversation } from '../../shared/protocol';
import { showWarningMessage } from '../notify';

/** Deletes the turns from the stored conversation; undefined when there is no such conversation. */
export async function deleteStoredTurns(history: Pick<HistoryStore, 'get' | 'save'>, msg: ChatDeleteTurnsMessage): Promise<PersistedConversation | undefined> {
  const conv = readStoredConversation(history.get(msg.conversationId));
  if (!conv || msg.fromTurn >= conv.turns.length) return undefined;
  const next = deleteTurns(conv, msg.fromTurn, msg.count, Date.now());
  await history.save(next);
  return next;
}

/** Opens the chip's document (beside the chat, keeping any editor it is already in) and selects the range. */
export async function revealRange(msg: EditorRevealMessage): Promise<void> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(msg.uri, true);
  } catch {
    return;
  }
  if (!['file', 'untitled', 'vscode-remote', 'vscode-userdata'].includes(uri.scheme)) return;
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    void showWarningMessage(`${uri.path.split('/').pop()} can no longer be opened; it may have been moved or deleted.`);
    return;
  }
  const range = document.validateRange(new vscode.Range(msg.startLine, 0, msg.endLine, Number.MAX_SAFE_INTEGER));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn, selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
