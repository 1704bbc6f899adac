// Tool calls in a reply, each a collapsible block: name, status and time in the summary; input and
// result inside. Everything here is model or tool output, so it only ever becomes text nodes.
import type { WireToolCall } from '../../src/shared/protocol';
import { el } from './dom';
import { formatMs } from './turnLine';

const STATUS: Record<WireToolCall['status'], { icon: string; label: string }> = {
  requested: { icon: 'tools', label: 'requested' },
  running: { icon: 'loading codicon-modifier-spin', label: 'running' },
  done: { icon: 'check', label: 'done' },
  failed: { icon: 'error', label: 'failed' },
  awaitingApproval: { icon: 'question', label: 'awaiting approval' },
  denied: { icon: 'circle-slash', label: 'denied' },
  cancelled: { icon: 'debug-stop', label: 'cancelled' },
};

export class ToolCallsView {
  readonly element: HTMLElement;
  private readonly blocks = new Map<string, HTMLDetailsElement>();

  constructor() {
    this.element = el('div', { class: 'tool-calls' });
    this.element.hidden = true;
  }

  /** Adds the call, or redraws it in place when a call with its id is already shown. */
  upsert(call: WireToolCall): void {
    this.element.hidden = false;
    // A call without an id (some APIs omit it) is its own block.
    const key = call.id || `#${this.blocks.size}`;
    const existing = this.blocks.get(key);
    const block = existing ?? el('details', { class: 'tool-call' });
    const wasOpen = existing?.open ?? false;
    const status = STATUS[call.status] ?? STATUS.requested;
    const meta = [status.label, call.durationMs !== undefined ? formatMs(call.durationMs) : ''].filter(Boolean).join(' · ');
    const parts: Node[] = [
      el(
        'summary',
        { class: 'tool-call-summary' },
        el('span', { class: 'codicon codicon-chevron-right tool-call-chevron', 'aria-hidden': 'true' }),
        el('span', { class: `codicon codicon-${status.icon} tool-call-icon`, 'aria-hidden': 'true' }),
        el('span', { class: 'tool-call-name' }, call.name),
        el('span', { class: `tool-call-status is-${call.status}` }, meta),
      ),
      el('div', { class: 'tool-call-section-label' }, 'Input'),
      el('pre', { class: 'tool-call-input', tabindex: '0' }, call.input),
    ];
    if (call.result !== undefined) {
      parts.push(el('div', { class: 'tool-call-section-label' }, call.status === 'failed' ? 'Error' : 'Result'), el('pre', { class: 'tool-call-result', tabindex: '0' }, call.result));
    }
    block.replaceChildren(...parts);
    block.open = wasOpen;
    block.setAttribute('data-status', call.status);
    if (!existing) {
      this.blocks.set(key, block);
      this.element.append(block);
    }
  }

  get count(): number {
    return this.blocks.size;
  }
}
