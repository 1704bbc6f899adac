// Codicons, VS Code's own icon font (bundled with the webview, see esbuild.mjs): icon-only toolbar
// buttons named for screen readers by aria-label and for pointer users by a tooltip.
import { el } from './dom';

export function icon(name: string, extraClass = ''): HTMLElement {
  return el('span', { class: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, 'aria-hidden': 'true' });
}

/** A toolbar icon button: the label is its accessible name and tooltip. */
export function iconButton(iconName: string, label: string, attrs: Record<string, string | undefined> = {}): HTMLButtonElement {
  return el('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label, ...attrs }, icon(iconName));
}
