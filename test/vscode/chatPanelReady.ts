// The editor-tab chat as the extension-host tests need it: open, with its webview past the ready
// handshake (what the host posts before it waits in a queue until the page listens).
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../src/extension';
import type { ChatPanelHost } from '../../src/vscode/chat/chatPanelHost';
import { waitFor } from './waitFor';

export async function openReadyChatPanel(api: WorkbenchApi): Promise<ChatPanelHost<vscode.WebviewPanel>> {
  await vscode.commands.executeCommand('bedrock.openChatInEditor');
  const host = api.chat.panelForTests();
  if (!host) throw new Error('bedrock.openChatInEditor opened no chat panel');
  await waitFor(host.onDidPost, () => host.isReady, 'the webview ready handshake');
  return host;
}
