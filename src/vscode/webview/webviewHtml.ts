import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/** A fresh nonce per page load, from a CSPRNG: a guessable nonce would defeat the CSP. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The only Content-Security-Policy our webviews get: scripts only with this load's nonce, styles
 * and fonts only from the extension, images only from the extension or inline data, audio (a voice
 * turn's clips) only from inline data, and no network at all — model output can't exfiltrate
 * anything even if it slipped past the sanitizer.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    'media-src data:',
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export interface WebviewPageOptions {
  webview: vscode.Webview;
  /** Absolute URIs of the bundle and stylesheets, from `webview.asWebviewUri`. */
  scriptUri: vscode.Uri;
  styleUris: vscode.Uri[];
  title: string;
}

/** The CSP of a self-contained page (inline style and script, both with this load's nonce). */
export function standalonePageCsp(nonce: string, allow: { media?: string; font?: string } = {}): string {
  return [
    "default-src 'none'",
    ...(allow.media ? [`media-src ${allow.media}`] : []),
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    ...(allow.font ? [`font-src ${allow.font}`] : []),
    "img-src 'none'",
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** One HTML document shell for every webview page: the CSP first, then what the page adds. */
export function htmlDocument(opts: { csp: string; title: string; head?: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${opts.csp}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  ${opts.head ?? ''}
  <title>${escapeHtml(opts.title)}</title>
</head>
<body>
${opts.body}
</body>
</html>`;
}

export function renderWebviewPage(opts: WebviewPageOptions, nonce = createNonce()): string {
  const csp = contentSecurityPolicy(opts.webview.cspSource, nonce);
  const styles = opts.styleUris.map((u) => `<link rel="stylesheet" href="${escapeHtml(u.toString())}">`).join('\n  ');
  return htmlDocument({ csp, title: opts.title, head: styles, body: `  <script nonce="${nonce}" src="${escapeHtml(opts.scriptUri.toString())}"></script>` });
}

/** Text or an attribute value made safe inside HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
