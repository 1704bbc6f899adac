// The chat webview app in jsdom with the real streaming renderer, for tests that speak as the host
// and click as the user. Frames are driven by hand.
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { HostToWebviewMessage, PersistedWebviewState, WebviewToHostMessage } from '../../../../src/shared/protocol';
import { ChatApp } from '../../../../webview-ui/chat/chatApp';
import { manualFrameScheduler } from '../../../../webview-ui/markdown/frameScheduler';
import { attachMarkdownInteractions } from '../../../../webview-ui/markdown/interactions';
import { createMarkdownHtmlRenderer } from '../../../../webview-ui/markdown/markdownHtml';
import { createSanitizer } from '../../../../webview-ui/markdown/sanitizer';
import { StreamingMarkdown } from '../../../../webview-ui/markdown/streamingMarkdown';

export const MODELS = [
  { id: 'm1', label: 'Model One', provider: 'P', badges: ['Converse', 'Stream'], apis: ['converse-stream' as const, 'invoke-stream' as const], maxOutputTokens: 4096 },
  { id: 'm2', label: 'Model Two', provider: 'Q' },
];

export function setup(savedState?: PersistedWebviewState) {
  const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
  const window = dom.window as unknown as Window & typeof globalThis;
  // jsdom reports an exception thrown by a message listener here, not to the dispatcher.
  const errors: unknown[] = [];
  window.addEventListener('error', (e) => errors.push(e.error));
  const g = globalThis as Record<string, unknown>;
  g.document = window.document;
  g.window = window;
  g.requestAnimationFrame = () => 0;
  const scheduler = manualFrameScheduler();
  const renderer = createMarkdownHtmlRenderer();
  const sanitizer = createSanitizer(createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]));
  const posted: WebviewToHostMessage[] = [];
  let state: unknown = savedState;
  const links: string[] = [];
  const codeActions: Array<{ action: string; code: string; language?: string; file?: string }> = [];
  new ChatApp({
    host: { postMessage: (m) => posted.push(m), getState: () => state, setState: (s) => (state = s) },
    root: window.document.body,
    makeMarkdown: (announce) => new StreamingMarkdown({ document: window.document, renderer, sanitizer, scheduler, announce }),
    attachInteractions: (t) => attachMarkdownInteractions(t, { openLink: (href) => links.push(href), codeAction: (action, code, language, file) => codeActions.push({ action, code, language, file }) }),
  });
  const $ = <T extends Element = HTMLElement>(sel: string) => window.document.querySelector(sel) as T;
  const $$ = (sel: string) => Array.from(window.document.querySelectorAll(sel)) as HTMLElement[];
  const key = (el: Element, key: string, init: KeyboardEventInit = {}) => el.dispatchEvent(new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  const last = <M extends WebviewToHostMessage['method']>(method: M) => [...posted].reverse().find((m) => m.method === method) as Extract<WebviewToHostMessage, { method: M }>;
  return {
    window,
    errors,
    posted,
    links,
    codeActions,
    scheduler,
    $,
    $$,
    state: () => state as PersistedWebviewState,
    fromHost: (m: HostToWebviewMessage) => window.dispatchEvent(new window.MessageEvent('message', { data: m })),
    key,
    type: (text: string) => {
      const input = $<HTMLTextAreaElement>('#prompt');
      input.value = text;
      input.dispatchEvent(new window.Event('input'));
    },
    last,
    /** Puts `text` in the composer without an input event (so no typing notice) and presses Enter; returns the chat/send it posted. */
    send: (text: string) => {
      $<HTMLTextAreaElement>('#prompt').value = text;
      key($('#prompt'), 'Enter');
      return last('chat/send');
    },
  };
}

export type App = ReturnType<typeof setup>;

export function sendAndStart(app: App, text: string) {
  app.type(text);
  app.key(app.$('#prompt'), 'Enter');
  const send = app.last('chat/send');
  app.fromHost({ method: 'chat/start', requestId: send.requestId, seq: 0, conversationId: send.conversationId, modelId: 'm1', api: 'converse-stream' });
  return send;
}

/** Cleans the globals `setup` installs; call from afterEach. */
export function teardown(): void {
  const g = globalThis as Record<string, unknown>;
  delete g.document;
  delete g.window;
  delete g.requestAnimationFrame;
}
