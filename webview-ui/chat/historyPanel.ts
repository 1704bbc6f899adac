// Past chats: open one, delete one. The list comes from the host (`history/list`).
import type { ConversationSummary } from '../../src/shared/protocol';
import { el } from './dom';

export interface HistoryPanelOptions {
  open(conversationId: string): void;
  delete(conversationId: string): void;
}

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly opts: HistoryPanelOptions) {
    this.list = el('ul', { class: 'history-list', 'aria-label': 'Past chats' });
    this.element = el('section', { id: 'history-panel', class: 'history-panel', 'aria-label': 'History' }, el('h2', { class: 'panel-title' }, 'Past chats'), this.list);
    this.element.hidden = true;
  }

  render(items: ConversationSummary[], currentId: string): void {
    const rows = items.map((c) => {
      const open = el('button', { type: 'button', class: 'history-open', 'aria-current': c.id === currentId ? 'true' : undefined }, c.title);
      open.addEventListener('click', () => this.opts.open(c.id));
      const del = el('button', { type: 'button', class: 'history-delete', 'aria-label': `Delete chat "${c.title}"` }, 'Delete');
      del.addEventListener('click', () => this.opts.delete(c.id));
      const when = el('span', { class: 'history-meta' }, `${new Date(c.updatedAt).toLocaleString()} · ${c.turnCount} turns`);
      return el('li', { class: 'history-item' }, open, when, del);
    });
    this.list.replaceChildren(...(rows.length ? rows : [el('li', { class: 'history-empty' }, 'No past chats yet.')]));
  }
}
