// A jsdom window with the real renderer, sanitizer and a hand-driven frame scheduler.
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { CodeAction } from '../../../../src/shared/protocol';
import { manualFrameScheduler, type ManualFrameScheduler } from '../../../../webview-ui/markdown/frameScheduler';
import { attachMarkdownInteractions } from '../../../../webview-ui/markdown/interactions';
import { createMarkdownHtmlRenderer } from '../../../../webview-ui/markdown/markdownHtml';
import { createSanitizer } from '../../../../webview-ui/markdown/sanitizer';
import { StreamingMarkdown, type StreamingMarkdownOptions } from '../../../../webview-ui/markdown/streamingMarkdown';

export interface Fixture {
  window: Window & typeof globalThis;
  document: Document;
  scheduler: ManualFrameScheduler;
  view: StreamingMarkdown;
  links: string[];
  actions: Array<{ action: CodeAction; code: string; language: string | undefined }>;
  /** A fresh view sharing this window, renderer and sanitizer. */
  newView(options?: Partial<StreamingMarkdownOptions>): StreamingMarkdown;
}

export function createFixture(options: Partial<StreamingMarkdownOptions> = {}): Fixture {
  const dom = new JSDOM('<!DOCTYPE html><html><body><main id="transcript"></main></body></html>');
  const window = dom.window as unknown as Window & typeof globalThis;
  const document = window.document;
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  const sanitizer = createSanitizer(purify);
  const renderer = createMarkdownHtmlRenderer();
  const scheduler = manualFrameScheduler();
  const transcript = document.getElementById('transcript') as HTMLElement;
  const links: string[] = [];
  const actions: Fixture['actions'] = [];
  attachMarkdownInteractions(transcript, {
    openLink: (href) => links.push(href),
    codeAction: (action, code, language) => actions.push({ action, code, language }),
  });
  const newView = (extra: Partial<StreamingMarkdownOptions> = {}): StreamingMarkdown => {
    const view = new StreamingMarkdown({ document, renderer, sanitizer, scheduler, ...options, ...extra });
    transcript.append(view.element);
    return view;
  };
  return { window, document, scheduler, view: newView(), links, actions, newView };
}

/** Feeds `text` in pieces of `size` characters, running a frame after each piece. */
export function stream(f: Fixture, text: string, size: number, view = f.view): void {
  for (let i = 0; i < text.length; i += size) {
    view.append(text.slice(i, i + size));
    f.scheduler.runFrame();
  }
}

/** The element's HTML with the streaming-only wrappers removed, for comparing renders. */
export function normalizedHtml(view: StreamingMarkdown): string {
  return Array.from(view.element.querySelectorAll('.md-block'))
    .map((b) => b.innerHTML)
    .join('');
}
