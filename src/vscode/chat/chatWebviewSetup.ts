// Prepares a chat surface's webview: what it may load and run, its tab icon, and the page that
// boots the chat UI from dist/. Kept apart from ChatPanelHost, which only talks to the page.
import * as vscode from 'vscode';
import { renderWebviewPage } from '../webview/webviewHtml';

/** Locks the webview down to dist/ and media/, sets the tab icon (editor panels only) and loads the chat page. */
export function setUpChatWebview(panel: vscode.WebviewPanel | vscode.WebviewView, extensionUri: vscode.Uri, title: string): void {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  panel.webview.options = {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [dist, vscode.Uri.joinPath(extensionUri, 'media')],
  };
  if ('iconPath' in panel) panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'bedrock.svg');
  panel.webview.html = renderWebviewPage({
    webview: panel.webview,
    scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')),
    styleUris: [panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css'))],
    title,
  });
}
