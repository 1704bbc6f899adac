// One delegated listener per transcript: links and code-block buttons call back into the app,
// which posts `link/open` / `code/*` to the host. Nothing in rendered output navigates by itself.
import type { CodeAction } from '../../src/shared/protocol';
import { isSafeLinkHref } from '../../src/shared/protocolValidation';
import { ACTION_ATTRIBUTE, CODE_ACTIONS, codeFile, codeLanguage, showCopied } from './codeBlock';

export interface MarkdownInteractionHandlers {
  /** A safe (http/https/mailto) link was activated. */
  openLink(href: string): void;
  /** A code-block button was pressed; `code` is the block's full text, `file` the path its fence names. */
  codeAction(action: CodeAction, code: string, language: string | undefined, file: string | undefined): void;
}

const ACTIONS: ReadonlySet<string> = new Set(CODE_ACTIONS.map((a) => a.action));

/** Starts handling clicks under `root`; returns a function that stops it. */
export function attachMarkdownInteractions(root: HTMLElement, handlers: MarkdownInteractionHandlers): () => void {
  const onClick = (event: MouseEvent): void => {
    const target = event.target as Element | null;
    if (!target || typeof target.closest !== 'function') return;
    const link = target.closest('a');
    if (link && root.contains(link)) {
      // Always cancel: even an unsafe or missing href must not navigate the webview.
      event.preventDefault();
      const href = link.getAttribute('href');
      if (event.type === 'click' && href && isSafeLinkHref(href)) handlers.openLink(href);
      return;
    }
    if (event.type !== 'click') return;
    const button = target.closest(`button[${ACTION_ATTRIBUTE}]`);
    if (!button || !root.contains(button)) return;
    const action = button.getAttribute(ACTION_ATTRIBUTE) ?? '';
    const code = button.closest('.md-code')?.querySelector('pre > code');
    if (!ACTIONS.has(action) || !code) return;
    event.preventDefault();
    handlers.codeAction(action as CodeAction, code.textContent ?? '', codeLanguage(code), codeFile(code));
    if (action === 'copy') showCopied(button as HTMLElement);
  };
  root.addEventListener('click', onClick);
  // Middle-click would open a link in a new window.
  root.addEventListener('auxclick', onClick);
  return () => {
    root.removeEventListener('click', onClick);
    root.removeEventListener('auxclick', onClick);
  };
}
