// Code blocks get a toolbar (language or file, then Copy, Insert at Cursor, Apply, Open in New File as
// codicon buttons with their names as tooltips). The toolbar is
// built with DOM calls after sanitizing, so the sanitizer never has to allow buttons or data
// attributes — model output can't forge a button that talks to the host.
import type { CodeAction } from '../../src/shared/protocol';

export const CODE_ACTIONS: ReadonlyArray<{ action: CodeAction; label: string; icon: string }> = [
  { action: 'copy', label: 'Copy', icon: 'copy' },
  { action: 'insert', label: 'Insert at Cursor', icon: 'insert' },
  { action: 'apply', label: 'Apply', icon: 'git-pull-request-go' },
  { action: 'openInNewFile', label: 'Open in New File', icon: 'new-file' },
];

/** Attribute naming the action on toolbar buttons; set only by this module. */
export const ACTION_ATTRIBUTE = 'data-md-action';

/** The fence language recorded on a `<code>` element as `language-x`, if any. */
export function codeLanguage(code: Element): string | undefined {
  for (const cls of code.classList) if (cls.startsWith('language-')) return cls.slice('language-'.length);
  return undefined;
}

/** The workspace file a block names in its fence (the renderer puts it in the `pre`'s title), if any. */
export function codeFile(code: Element): string | undefined {
  return code.closest('pre')?.getAttribute('title') || undefined;
}

/** Wraps every `pre > code` under `root` in a `.md-code` container with the toolbar. */
export function decorateCodeBlocks(root: ParentNode, doc: Document): void {
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const code = pre.querySelector('code');
    if (!code || pre.parentElement?.classList.contains('md-code')) continue;
    const wrapper = doc.createElement('div');
    wrapper.className = 'md-code';
    pre.replaceWith(wrapper);
    wrapper.append(createToolbar(doc, codeLanguage(code), codeFile(code)), pre);
    // Long lines scroll horizontally; a focusable pre lets keyboard users scroll it.
    pre.tabIndex = 0;
  }
}

export interface StreamingCodeBlock {
  readonly element: HTMLElement;
  readonly language: string | undefined;
  /** The code shown so far. */
  readonly text: string;
  /** Appends plain text without touching the rest of the block. */
  appendText(text: string): void;
  /** Replaces the text (still plain: no parse, no highlight). */
  setText(text: string): void;
}

/**
 * A code block for a fence that is still open: plain text appended as it streams (highlighting is
 * applied once, when the fence closes), so each frame costs only the new characters.
 */
export function createStreamingCodeBlock(doc: Document, language: string | undefined, initial: string): StreamingCodeBlock {
  const wrapper = doc.createElement('div');
  wrapper.className = 'md-code md-code-streaming';
  const pre = doc.createElement('pre');
  pre.tabIndex = 0;
  const code = doc.createElement('code');
  code.className = language ? `hljs language-${language}` : 'hljs';
  const textNode = doc.createTextNode(initial);
  code.append(textNode);
  pre.append(code);
  wrapper.append(createToolbar(doc, language), pre);
  let text = initial;
  return {
    element: wrapper,
    language,
    get text() {
      return text;
    },
    appendText(more) {
      text += more;
      textNode.appendData(more);
    },
    setText(all) {
      text = all;
      textNode.data = all;
    },
  };
}

function createToolbar(doc: Document, language: string | undefined, file?: string): HTMLElement {
  const bar = doc.createElement('div');
  bar.className = 'md-code-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', language ? `${language} code actions` : 'Code actions');
  const label = doc.createElement('span');
  label.className = 'md-code-language';
  label.textContent = file ?? language ?? 'text';
  bar.append(label);
  for (const { action, label: text, icon } of CODE_ACTIONS) {
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'md-code-button';
    button.setAttribute(ACTION_ATTRIBUTE, action);
    button.title = action === 'apply' && file ? `Apply to ${file}` : text;
    // The icon shows; the name is for screen readers (and is what the tooltip says).
    const glyph = doc.createElement('span');
    glyph.className = `codicon codicon-${icon}`;
    const name = doc.createElement('span');
    name.className = 'visually-hidden';
    name.textContent = text;
    button.append(glyph, name);
    bar.append(button);
  }
  return bar;
}

const COPIED_MS = 2000;
const copiedTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

/** A copy button says "Copied" (check icon, tooltip, accessible name) for a moment. */
export function showCopied(button: HTMLElement): void {
  const glyph = button.querySelector('.codicon');
  const name = button.querySelector('.visually-hidden');
  const label = button.getAttribute('aria-label');
  const restore = { glyph: glyph?.className, title: button.title, name: name?.textContent, label };
  const previous = copiedTimers.get(button);
  if (previous !== undefined) return; // already showing; its timer restores the original
  if (glyph) glyph.className = 'codicon codicon-check';
  button.title = 'Copied';
  if (name) name.textContent = 'Copied';
  if (label !== null) button.setAttribute('aria-label', 'Copied');
  button.classList.add('is-copied');
  copiedTimers.set(
    button,
    setTimeout(() => {
      copiedTimers.delete(button);
      if (glyph && restore.glyph) glyph.className = restore.glyph;
      button.title = restore.title;
      if (name) name.textContent = restore.name ?? '';
      if (restore.label !== null) button.setAttribute('aria-label', restore.label);
      button.classList.remove('is-copied');
    }, COPIED_MS),
  );
}
