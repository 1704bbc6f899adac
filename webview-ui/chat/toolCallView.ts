// Tool calls in a reply, each a step block: the kind's icon, the call's label ("Read
// src/cache.ts:1-40"), status and time in a collapsible summary, input and result inside, and
// the approval row under it while the call waits for the user. Everything here is model or tool
// output, so it only ever becomes text nodes.
import type { WireToolCall } from '../../src/shared/protocol';
import { approvalRow, type ApprovalDecision, type SentAnswer } from './approvalView';
import { el } from './dom';
import { formatMs } from './turnLine';

const STATUS: Readonly<Record<WireToolCall['status'], { icon: string; label: string }>> = {
  requested: { icon: 'circle-large-outline', label: 'requested' },
  awaitingApproval: { icon: 'shield', label: 'waiting for approval' },
  running: { icon: 'loading codicon-modifier-spin', label: 'running' },
  done: { icon: 'check', label: 'done' },
  failed: { icon: 'error', label: 'failed' },
  denied: { icon: 'circle-slash', label: 'denied' },
  cancelled: { icon: 'stop-circle', label: 'cancelled' },
};

const KIND_ICONS: Readonly<Record<NonNullable<WireToolCall['kind']>, string>> = {
  read: 'file',
  edit: 'edit',
  create: 'new-file',
  terminal: 'terminal',
  external: 'extensions',
};

const TRUNCATED_TITLE = 'The result was cut to the size limit (bedrock.agent.maxResultBytes); the model saw the first part only.';

export interface ToolCallsOptions {
  /** The user answered an approval (with the edited command, if they changed it): post it (once per call). */
  onApprove(toolId: string, decision: ApprovalDecision, edited?: string): void;
}

export class ToolCallsView {
  readonly element: HTMLElement;
  private readonly blocks = new Map<string, HTMLElement>();
  /** The answer sent per call, so a redraw keeps the buttons disabled and nothing is sent twice. */
  private readonly answered = new Map<string, SentAnswer>();

  constructor(
    private readonly options: ToolCallsOptions,
    /** The model step these calls came from, when the host says. */
    readonly step?: number,
  ) {
    this.element = el('div', { class: 'tool-calls' });
  }

  has(id: string): boolean {
    return this.blocks.has(id);
  }

  /** Adds the call, or redraws it in place when a call with its id is already shown. */
  upsert(call: WireToolCall): void {
    // A call without an id (some APIs omit it) is its own block.
    const key = call.id || `#${this.blocks.size}`;
    const existing = this.blocks.get(key);
    const wasOpen = existing?.querySelector('details')?.open ?? false;
    const status = STATUS[call.status] ?? STATUS.requested;
    const kindIcon = (call.kind && KIND_ICONS[call.kind]) || 'tools';
    const title = call.label ?? call.name;
    const details = el(
      'details',
      { class: 'tool-call' },
      el(
        'summary',
        { class: 'tool-call-summary', title: call.label ? `${call.label} (${call.name})` : call.name },
        el('span', { class: 'codicon codicon-chevron-right tool-call-chevron', 'aria-hidden': 'true' }),
        el('span', { class: `codicon codicon-${kindIcon} tool-call-icon`, 'aria-hidden': 'true' }),
        el('span', { class: 'tool-call-name' }, title),
        call.truncated ? el('span', { class: 'tool-call-truncated', title: TRUNCATED_TITLE }, 'truncated') : undefined,
        el(
          'span',
          { class: `tool-call-status is-${call.status}` },
          // The icon carries the status for screen readers; the word beside it is for the eye and
          // gives way in a narrow view (the time stays).
          el('span', { class: `codicon codicon-${status.icon} tool-call-status-icon`, role: 'img', 'aria-label': status.label }),
          el('span', { class: 'tool-call-status-word', 'aria-hidden': 'true' }, status.label),
          call.durationMs !== undefined ? el('span', { class: 'tool-call-time' }, formatMs(call.durationMs)) : undefined,
        ),
      ),
      call.label ? el('div', { class: 'tool-call-section-label' }, `Tool: ${call.name}`) : undefined,
      el('div', { class: 'tool-call-section-label' }, 'Input'),
      el('pre', { class: 'tool-call-input', tabindex: '0' }, call.input),
    );
    if (call.result !== undefined) {
      const label = call.status === 'failed' ? 'Error' : 'Result';
      details.append(el('div', { class: 'tool-call-section-label' }, call.truncated ? `${label} (truncated)` : label), el('pre', { class: 'tool-call-result', tabindex: '0' }, call.result));
    }
    const awaiting = call.status === 'awaitingApproval';
    // What is asked is in view while the user decides.
    details.open = wasOpen || awaiting;
    const block = existing ?? el('div', { class: 'tool-step' });
    block.replaceChildren(details);
    if (awaiting) block.append(approvalRow(call, this.answered.get(key), (answer) => this.answer(key, answer)));
    block.setAttribute('data-status', call.status);
    if (call.kind) block.setAttribute('data-kind', call.kind);
    if (!existing) {
      this.blocks.set(key, block);
      this.element.append(block);
    }
    if (awaiting && !this.answered.has(key)) focusFirstApproval(block);
  }

  /** Every call shown, for the summary line. */
  get count(): number {
    return this.blocks.size;
  }

  private answer(key: string, answer: SentAnswer): void {
    if (this.answered.has(key)) return;
    this.answered.set(key, answer);
    this.options.onApprove(key, answer.decision, answer.edited);
  }
}

/** Puts the keyboard on the new approval unless the user is already answering another one. */
function focusFirstApproval(block: HTMLElement): void {
  const active = block.ownerDocument.activeElement;
  if (active?.closest('.tool-approval')) return;
  block.querySelector<HTMLButtonElement>('.tool-approval button:not([disabled])')?.focus();
}
