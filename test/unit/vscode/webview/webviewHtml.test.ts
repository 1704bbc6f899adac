import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, renderWebviewPage } from '../../../../src/vscode/webview/webviewHtml';

const fakeUri = (s: string) => ({ toString: () => s }) as never;

describe('webview page and CSP', () => {
  it('allows scripts only by nonce, and no network, inline styles or eval', () => {
    const csp = contentSecurityPolicy('https://ext.example', 'N0nce');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0nce'(;|$)/);
    assert.match(csp, /connect-src 'none'/);
    assert.match(csp, /media-src data:(;|$)/, 'voice clips play from inline data only');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  });

  it('makes a different, unguessable nonce on each load', () => {
    const seen = new Set(Array.from({ length: 100 }, createNonce));
    assert.equal(seen.size, 100);
    for (const n of seen) assert.ok(n.length >= 24);
  });

  it('puts the nonce on the only script and keeps the title inert', () => {
    const html = renderWebviewPage(
      {
        webview: { cspSource: 'https://ext.example' } as never,
        scriptUri: fakeUri('https://ext.example/dist/webview.js'),
        styleUris: [fakeUri('https://ext.example/dist/webview.css')],
        title: '</title><script>alert(1)</script>',
      },
      'abc',
    );
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="abc"/);
    assert.doesNotMatch(html, /<script>alert/);
  });
});
