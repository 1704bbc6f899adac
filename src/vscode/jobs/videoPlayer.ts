// Plays a finished Nova Reel video in an editor tab. The file is downloaded to the extension's
// storage and shown as a webview resource; the page may load media from that folder only, run only
// its own nonce'd script, and reach nothing on the network.
import * as vscode from 'vscode';
import { createNonce, escapeHtml, htmlDocument, standalonePageCsp } from '../webview/webviewHtml';

export interface VideoToShow {
  /** The downloaded MP4. */
  file: vscode.Uri;
  title: string;
  /** Where it came from, shown under the player. */
  s3Uri: string;
}

/** The player's CSP: media from the extension's resource origin, the page's own style and script. */
export function videoPlayerCsp(cspSource: string, nonce: string): string {
  return standalonePageCsp(nonce, { media: cspSource });
}


export function videoPlayerHtml(video: { src: string; title: string; s3Uri: string }, cspSource: string, nonce = createNonce()): string {
  return htmlDocument({
    csp: videoPlayerCsp(cspSource, nonce),
    title: video.title,
    head: `<style nonce="${nonce}">
    body { margin: 0; padding: 16px; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
    h1 { font-size: 1.1em; font-weight: 600; margin: 0 0 12px; }
    video { display: block; width: 100%; max-width: 960px; aspect-ratio: 16 / 9; background: #000; border: 1px solid var(--vscode-panel-border, transparent); }
    .meta { margin-top: 8px; color: var(--vscode-descriptionForeground); }
    .error { margin-top: 8px; color: var(--vscode-errorForeground); }
    code { font-family: var(--vscode-editor-font-family); }
  </style>`,
    body: `  <h1>${escapeHtml(video.title)}</h1>
  <video id="player" controls preload="metadata" src="${escapeHtml(video.src)}"></video>
  <div id="status" class="meta" role="status">Loading…</div>
  <div class="meta"><code>${escapeHtml(video.s3Uri)}</code></div>
  <script nonce="${nonce}">
    const player = document.getElementById('player');
    const status = document.getElementById('status');
    player.addEventListener('loadedmetadata', () => {
      status.textContent = player.duration.toFixed(1) + ' s · ' + player.videoWidth + '×' + player.videoHeight;
      document.body.dataset.loaded = 'metadata';
    });
    player.addEventListener('error', () => {
      status.className = 'error';
      status.textContent = 'This video could not be played' + (player.error && player.error.message ? ': ' + player.error.message : '') + '. The file is kept where it was downloaded.';
    });
  </script>`,
  });
}

/** One tab per video: opening the same job again reveals its tab. */
export class VideoPlayers implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  show(video: VideoToShow): vscode.WebviewPanel {
    const key = video.file.toString();
    const open = this.panels.get(key);
    if (open) {
      open.reveal();
      return open;
    }
    const folder = vscode.Uri.joinPath(video.file, '..');
    const panel = vscode.window.createWebviewPanel('bedrock.videoPlayer', video.title, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [folder],
      retainContextWhenHidden: false,
    });
    panel.iconPath = new vscode.ThemeIcon('device-camera-video');
    panel.webview.html = videoPlayerHtml({ src: panel.webview.asWebviewUri(video.file).toString(), title: video.title, s3Uri: video.s3Uri }, panel.webview.cspSource);
    this.panels.set(key, panel);
    panel.onDidDispose(() => this.panels.delete(key));
    return panel;
  }

  dispose(): void {
    for (const p of this.panels.values()) p.dispose();
    this.panels.clear();
  }
}
