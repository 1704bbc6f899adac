// The voice chat tab: what the model heard, its reply as it arrives (a speculative draft replaced
// by what it actually said), and the spoken reply as a playable WAV. The page runs only its own
// nonce'd script, plays audio only from inline data, and reaches nothing on the network.
import * as vscode from 'vscode';
import { createNonce, escapeHtml, htmlDocument, standalonePageCsp } from '../webview/webviewHtml';

/** Host → page. */
export type VoicePanelMessage =
  | { type: 'status'; text: string; busy: boolean }
  | { type: 'transcript'; role: 'user' | 'assistant'; stage: 'speculative' | 'final'; text: string }
  | { type: 'audio'; dataUri: string; seconds: number }
  | { type: 'error'; text: string };

export function voicePanelCsp(cspSource: string, nonce: string): string {
  return standalonePageCsp(nonce, { media: 'data:', font: cspSource });
}


export function voicePanelHtml(title: string, cspSource: string, nonce = createNonce()): string {
  return htmlDocument({
    csp: voicePanelCsp(cspSource, nonce),
    title,
    head: `<style nonce="${nonce}">
    body { margin: 0; padding: 12px 16px; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
    header { display: flex; align-items: center; gap: 8px; margin-bottom: 12px; }
    h1 { font-size: 1.05em; font-weight: 600; margin: 0; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 2px 10px; cursor: pointer; }
    button:hover { background: var(--vscode-button-secondaryHoverBackground); }
    button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
    button[hidden] { display: none; }
    .status { color: var(--vscode-descriptionForeground); display: flex; align-items: center; gap: 6px; min-height: 1.4em; }
    .spinner { width: 10px; height: 10px; border: 2px solid var(--vscode-progressBar-background); border-right-color: transparent; border-radius: 50%; animation: spin 0.8s linear infinite; }
    .spinner[hidden] { display: none; }
    @keyframes spin { to { transform: rotate(360deg); } }
    @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
    .turn { margin: 10px 0; padding: 8px 10px; border-radius: 4px; border: 1px solid var(--vscode-panel-border, transparent); }
    .turn.user { background: var(--vscode-input-background); }
    .who { font-size: 0.85em; font-weight: 600; color: var(--vscode-descriptionForeground); margin-bottom: 4px; }
    .draft { opacity: 0.7; font-style: italic; }
    audio { display: block; width: 100%; max-width: 480px; margin-top: 8px; }
    .error { color: var(--vscode-errorForeground); margin-top: 8px; }
  </style>`,
    body: `  <header>
    <h1>${escapeHtml(title)}</h1>
    <button id="stop" type="button" title="Stop the session">Stop</button>
  </header>
  <div class="status" role="status" aria-live="polite"><span class="spinner" id="spinner" aria-hidden="true"></span><span id="status">Connecting…</span></div>
  <div class="turn user" id="user" hidden><div class="who">You said</div><div id="heard"></div></div>
  <div class="turn assistant" id="assistant" hidden><div class="who">Reply</div><div id="reply"></div><audio id="audio" controls hidden></audio></div>
  <div class="error" id="error" role="alert" hidden></div>
  <script nonce="${nonce}">
    const vscode = acquireVsCodeApi();
    const $ = (id) => document.getElementById(id);
    $('stop').addEventListener('click', () => vscode.postMessage({ type: 'stop' }));
    window.addEventListener('message', (e) => {
      const m = e.data;
      if (!m || typeof m.type !== 'string') return;
      if (m.type === 'status') {
        $('status').textContent = String(m.text);
        $('spinner').hidden = !m.busy;
        $('stop').hidden = !m.busy;
      } else if (m.type === 'transcript') {
        const box = m.role === 'user' ? $('user') : $('assistant');
        const text = m.role === 'user' ? $('heard') : $('reply');
        box.hidden = false;
        text.textContent = String(m.text);
        text.className = m.stage === 'speculative' ? 'draft' : '';
        text.title = m.stage === 'speculative' ? 'What the model plans to say' : '';
      } else if (m.type === 'audio' && typeof m.dataUri === 'string' && m.dataUri.startsWith('data:audio/wav;base64,')) {
        const audio = $('audio');
        audio.src = m.dataUri;
        audio.hidden = false;
        $('assistant').hidden = false;
        document.body.dataset.audio = 'ready';
      } else if (m.type === 'error') {
        $('error').hidden = false;
        $('error').textContent = String(m.text);
      }
    });
    vscode.postMessage({ type: 'ready' });
  </script>`,
  });
}

/** One voice session's tab. Messages sent before the page is ready are kept and delivered in order. */
export class VoicePanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private ready = false;
  private readonly queue: VoicePanelMessage[] = [];
  /** Every message shown so far (tests read what the user saw). */
  readonly shown: VoicePanelMessage[] = [];
  private readonly subs: vscode.Disposable[] = [];

  constructor(title: string, onStop: () => void) {
    this.panel = vscode.window.createWebviewPanel('bedrock.voiceChat', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, enableCommandUris: false, localResourceRoots: [] });
    this.panel.webview.html = voicePanelHtml(title, this.panel.webview.cspSource);
    this.subs.push(
      this.panel.webview.onDidReceiveMessage((m: unknown) => {
        const type = (m as { type?: unknown } | undefined)?.type;
        if (type === 'ready') {
          this.ready = true;
          for (const q of this.queue.splice(0)) void this.panel.webview.postMessage(q);
        } else if (type === 'stop') onStop();
      }),
      this.panel.onDidDispose(() => onStop()),
    );
  }

  post(message: VoicePanelMessage): void {
    this.shown.push(message);
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queue.push(message);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.panel.dispose();
  }
}
